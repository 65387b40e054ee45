# shellcheck shell=bash
# `blockhost dev`: non-interactive setup, dev.json and the summary. Sourced by dev.sh.

dev_cli() { "$ROOT/blockhost" "$@" --home "$DEV_HOME"; }

# dev_load_published: the values finalization steps published (contract addresses), from the
# operator CLI ('setup status --json'), into DEV_PUBLISHED.
dev_load_published() {
  DEV_PUBLISHED="$(dev_cli setup status --json 2>/dev/null | jq -c '.published // {}' 2>/dev/null || true)"
  [ -n "$DEV_PUBLISHED" ] || DEV_PUBLISHED='{}'
}

# dev_published KEY: a value a finalization step published (empty when not yet).
dev_published() { jq -r --arg k "$1" '.[$k] // empty' <<<"${DEV_PUBLISHED:-"{}"}"; }

dev_setup_complete() {
  dev_cli setup status --json 2>/dev/null | jq -e '.complete' >/dev/null 2>&1
}

# The answers file <home>/setup.answers (no secrets: keys are named by their files). In dev mode
# the setup service signs the access-key message with dev.adminKeyFile itself once the contracts
# exist, and answers evm.adminAccessKey (bundles/installer).
dev_write_answers() {
  local file="$DEV_HOME/setup.answers"
  {
    echo "# written by 'blockhost dev'; setup runs with it through 'blockhost setup --answers'"
    echo "evm.rpcUrl=$DEV_RPC_URL"
    echo "evm.chainId=$DEV_CHAIN_ID"
    echo "evm.plans=$DEV_CHAIN_PLANS"
    echo "evm.adminWallet=$DEV_ADMIN_ADDRESS"
    echo "dev.adminKeyFile=$DEV_ADMIN_KEY"
    echo "libvirt.template=debian-12"
  } >"$file.part"
  mv "$file.part" "$file"
}

# One call: the setup service (Java) validates the answers and runs every finalization step.
dev_setup() {
  dev_await 120 "the engine's and the provisioner's finalization steps registering" dev_steps_registered
  if dev_setup_complete; then
    info "setup is already complete in this home"
    dev_load_published
    dev_check_contracts_on_chain
    dev_sync_rpc_url
    return 0
  fi
  [ "$DEV_REAL_VMS" = 1 ] && realvms_template
  # the wizard's code, for an operator who opens $DEV_HTTPS_URL/setup/ while this runs
  info "$(dev_cli setup code 2>/dev/null || echo 'setup code: (not available)')"
  info "setup: host key, contracts, plans, admin credential to $DEV_ADMIN_ADDRESS, hand-over, engine configuration"
  dev_write_answers
  local log="$DEV_HOME/logs/setup.log"
  echo "--- $(date -u +%FT%TZ) blockhost setup --answers $DEV_HOME/setup.answers" >>"$log"
  dev_cli setup --answers "$DEV_HOME/setup.answers" >>"$log" 2>&1 \
    || dev_fail "setup failed: $(tail -n 12 "$log")"
  dev_load_published
}

# --wizard: leave setup to the browser (a home whose setup is complete just resumes).
dev_wizard() {
  dev_await 120 "the engine's and the provisioner's finalization steps registering" dev_steps_registered
  if dev_setup_complete; then
    info "setup is already complete in this home: --wizard has nothing to do (--reset starts over)"
    DEV_WIZARD=0
    dev_setup
    dev_wait_ready
  fi
}

# While the wizard is open: once /ready answers 200 (setup finished in the browser), dev.json
# gets the contract addresses.
dev_wizard_watch() {
  [ "$DEV_WIZARD" = 1 ] && dev_ready || return 0
  DEV_WIZARD=0
  dev_load_published
  dev_write_json
  info "setup finished in the wizard: $DEV_HOME/dev.json has the contracts now"
}

# A resumed home needs its contracts on the chain (lost when anvil's state file was lost).
dev_check_contracts_on_chain() {
  local address
  address="$(dev_published evm.subscriptionsAddress)"
  [ "$(dev_rpc eth_getCode "[\"$address\",\"latest\"]")" != '"0x"' ] \
    || dev_fail "the chain has no contract at $address, which setup deployed (anvil state lost?): start over with --reset"
}

# A resumed home whose RPC port changed: point the engine's configuration at the current node.
dev_sync_rpc_url() {
  local cfg="$DEV_HOME/etc/org.blockhost.engine.evm.cfg"
  [ -f "$cfg" ] && ! grep -qx "rpcUrl=$DEV_RPC_URL" "$cfg" || return 0
  info "the RPC URL changed: updating rpcUrl in $cfg"
  sed "s|^rpcUrl=.*|rpcUrl=$DEV_RPC_URL|" "$cfg" >"$DEV_HOME/etc/.engine-evm.cfg.part"
  mv "$DEV_HOME/etc/.engine-evm.cfg.part" "$cfg"
}

# The host of the access-key message: core's publicHost, which the buyer pages sign too (with
# --real-vms the machine's non-loopback address), else DEV_HOST.
dev_access_host() {
  local host
  host="$(sed -n 's/^publicHost *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$DEV_HOME/etc/org.blockhost.core.pipeline.cfg" 2>/dev/null | head -n1)"
  echo "${host:-$DEV_HOST}"
}

# <home>/dev.json, atomically: where the stack is, for other clients (demo, tests).
dev_write_json() {
  local tmp="$DEV_HOME/.dev.json.part" real=false
  [ "$DEV_REAL_VMS" = 1 ] && real=true
  jq -n --arg rpcUrl "$DEV_RPC_URL" --argjson chainId "$DEV_CHAIN_ID" --arg host "$(dev_access_host)" \
    --arg subscriptions "$(dev_published evm.subscriptionsAddress)" \
    --arg credential "$(dev_published evm.credentialAddress)" --arg stablecoin "$(dev_published evm.stablecoin)" \
    --arg adminWallet "$DEV_ADMIN_ADDRESS" --arg adminKeyFile "$DEV_ADMIN_KEY" --arg httpUrl "$DEV_HTTP_URL" \
    --arg hostWallet "$DEV_HOST_ADDRESS" --argjson realVms "$real" \
    --arg httpsUrl "$DEV_HTTPS_URL" --arg tlsFingerprint "$DEV_TLS_FINGERPRINT" \
    --argjson wizard "$([ "$DEV_WIZARD" = 1 ] && echo true || echo false)" \
    --argjson pids "{\"launcher\":$$,\"runtime\":$DEV_RUNTIME_PID,\"anvil\":$DEV_ANVIL_PID}" \
    '{rpcUrl: $rpcUrl, chainId: $chainId, host: $host, subscriptions: $subscriptions, credential: $credential,
      stablecoin: $stablecoin, adminWallet: $adminWallet, adminKeyFile: $adminKeyFile, httpUrl: $httpUrl,
      hostWallet: $hostWallet, realVms: $realVms, httpsUrl: $httpsUrl, tlsFingerprint: $tlsFingerprint,
      wizard: $wizard, pids: $pids}' >"$tmp"
  mv "$tmp" "$DEV_HOME/dev.json"
}

dev_print_summary() {
  local home_opt=""
  [ "$DEV_HOME" != "$(cd "$DEV_HOME_DEFAULT" 2>/dev/null && pwd)" ] && home_opt=" --home $DEV_HOME"
  if [ "$DEV_WIZARD" = 1 ]; then dev_print_wizard "$home_opt"; return 0; fi
  cat <<EOF

BlockHost dev stack is up (dev home $DEV_HOME, description in dev.json)
  chain        $DEV_RPC_URL (chain id $DEV_CHAIN_ID, anvil pid $DEV_ANVIL_PID)
  contracts    subscriptions $(dev_published evm.subscriptionsAddress)
               credential    $(dev_published evm.credentialAddress)
               stablecoin    $(dev_published evm.stablecoin)
  host wallet  $DEV_HOST_ADDRESS
  admin wallet $DEV_ADMIN_ADDRESS (key file $DEV_ADMIN_KEY)
  https        $DEV_HTTPS_URL (self-signed; SHA-256 $DEV_TLS_FINGERPRINT)
  wizard       closed: setup is complete ('blockhost setup reopen$home_opt' serves $DEV_HTTPS_URL/setup/ again)
  ready        $DEV_HTTP_URL/ready
  metrics      $DEV_HTTP_URL/metrics
  logs         $DEV_HOME/logs/{runtime,anvil,setup}.log

Try:
  ./blockhost demo buy$home_opt
  ./blockhost status$home_opt
  ./blockhost vm list$home_opt
  ./blockhost chain status$home_opt

Ctrl-C stops the runtime and anvil (the chain state is kept; run again to resume, --reset to start over).
EOF
}

dev_print_wizard() {
  cat <<EOF

BlockHost dev stack is up and NOT set up: finish setup in the wizard (dev home $DEV_HOME)
  wizard       $DEV_HTTPS_URL/setup/ (self-signed; SHA-256 $DEV_TLS_FINGERPRINT)
  $(dev_cli setup code 2>/dev/null || echo 'setup code: (not available)')
  chain        $DEV_RPC_URL (chain id $DEV_CHAIN_ID, anvil pid $DEV_ANVIL_PID)
  host key     $DEV_HOME/etc/keys/evm-host.key ($DEV_HOST_ADDRESS, funded)
  admin wallet $DEV_ADMIN_ADDRESS (key file $DEV_ADMIN_KEY): sign the access-key message the
               finalization page shows with 'blockhost sign --key-file $DEV_ADMIN_KEY' and pipe
               the signature into 'blockhost crypto access-key --signature -'
  ready        $DEV_HTTP_URL/ready (503 until setup is complete)
  logs         $DEV_HOME/logs/{runtime,anvil}.log
  ('blockhost setup code$1' prints a new setup code)

Ctrl-C stops the runtime and anvil.
EOF
}
