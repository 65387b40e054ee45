# shellcheck shell=bash
# `blockhost dev`: non-interactive setup, dev.json and the summary. Sourced by dev.sh.

dev_cli() { "$ROOT/blockhost" "$@" --home "$DEV_HOME"; }

# dev_published KEY: a value a finalization step published (empty when not yet).
dev_published() {
  jq -r --arg k "$1" '.published[$k] // empty' "$DEV_HOME/state/installer/finalization.json" 2>/dev/null || true
}

dev_setup_complete() {
  dev_cli setup status --json 2>/dev/null | jq -e '.complete' >/dev/null 2>&1
}

# dev_write_answers [ACCESS_KEY]: the answers file <home>/setup.answers (no secrets: keys are files).
dev_write_answers() {
  local file="$DEV_HOME/setup.answers"
  {
    echo "# written by 'blockhost dev'; setup runs with it through 'blockhost setup --answers'"
    echo "evm.rpcUrl=$DEV_RPC_URL"
    echo "evm.chainId=$DEV_CHAIN_ID"
    echo "evm.plans=$DEV_CHAIN_PLANS"
    echo "evm.adminWallet=$DEV_ADMIN_ADDRESS"
    if [ -n "${1:-}" ]; then echo "evm.adminAccessKey=$1"; fi
    echo "libvirt.template=debian-12"
  } >"$file.part"
  mv "$file.part" "$file"
}

# dev_access_key CREDENTIAL: K, from the admin wallet's signature of the access-key message
# (DESIGN.md "Access key", built by the crypto bundle's AccessKey.message through `crypto batch`);
# the signature only passes through pipes.
dev_access_key() {
  local message
  message="$(jq -nc --arg host "$DEV_HOST" --argjson chainId "$DEV_CHAIN_ID" --arg contract "$1" \
      '{op: "access-message", host: $host, chainId: $chainId, contract: $contract}' \
    | "$ROOT/blockhost" crypto batch | jq -r '.message // empty')"
  [ -n "$message" ] || return 1
  printf '%s' "$message" \
    | "$ROOT/blockhost" sign --key-file "$DEV_ADMIN_KEY" \
    | "$ROOT/blockhost" crypto access-key --signature - \
    | awk '$1 == "publicKey" { print $2 }'
}

# dev_setup_round: runs `blockhost setup --answers` (output appended to logs/setup.log).
dev_setup_round() {
  local log="$DEV_HOME/logs/setup.log"
  echo "--- $(date -u +%FT%TZ) blockhost setup --answers $DEV_HOME/setup.answers" >>"$log"
  dev_cli setup --answers "$DEV_HOME/setup.answers" >>"$log" 2>&1
}

# Two rounds: the admin access key needs the credential contract's address, which exists only
# after evm.contracts ran; the first round stops at evm.admin-credential for want of it.
dev_setup() {
  dev_await 120 "the engine's and the provisioner's finalization steps registering" dev_steps_registered
  if dev_setup_complete; then
    info "setup is already complete in this home"
    dev_check_contracts_on_chain
    dev_sync_rpc_url
    return 0
  fi
  [ "$DEV_REAL_VMS" = 1 ] && realvms_template
  # the wizard's code, for an operator who opens $DEV_HTTPS_URL/setup/ while this runs
  info "$(dev_cli setup code 2>/dev/null || echo 'setup code: (not available)')"
  local credential key
  credential="$(dev_published evm.credentialAddress)"
  if [ -z "$credential" ]; then
    info "setup, round 1: host key, contracts, plans (stops at the admin credential)"
    dev_write_answers
    dev_setup_round || true
    credential="$(dev_published evm.credentialAddress)"
    [ -n "$credential" ] || dev_fail "setup did not deploy the contracts: $(tail -n 12 "$DEV_HOME/logs/setup.log")"
  fi
  key="$(dev_access_key "$credential" || true)"
  [[ "$key" =~ ^0[23][0-9a-f]{64}$ ]] || dev_fail "could not derive the admin access key"
  info "setup, round 2: admin credential to $DEV_ADMIN_ADDRESS, contracts' owner role to it, engine configuration"
  dev_write_answers "$key"
  dev_setup_round || dev_fail "setup failed: $(tail -n 12 "$DEV_HOME/logs/setup.log")"
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

# <home>/dev.json, atomically: where the stack is, for other clients (demo, tests).
dev_write_json() {
  local tmp="$DEV_HOME/.dev.json.part" real=false
  [ "$DEV_REAL_VMS" = 1 ] && real=true
  jq -n --arg rpcUrl "$DEV_RPC_URL" --argjson chainId "$DEV_CHAIN_ID" --arg host "$DEV_HOST" \
    --arg subscriptions "$(dev_published evm.subscriptionsAddress)" \
    --arg credential "$(dev_published evm.credentialAddress)" --arg stablecoin "$(dev_published evm.stablecoin)" \
    --arg adminWallet "$DEV_ADMIN_ADDRESS" --arg adminKeyFile "$DEV_ADMIN_KEY" --arg httpUrl "$DEV_HTTP_URL" \
    --arg hostWallet "$DEV_HOST_ADDRESS" --argjson realVms "$real" \
    --arg httpsUrl "$DEV_HTTPS_URL" --arg tlsFingerprint "$DEV_TLS_FINGERPRINT" \
    --argjson pids "{\"launcher\":$$,\"runtime\":$DEV_RUNTIME_PID,\"anvil\":$DEV_ANVIL_PID}" \
    '{rpcUrl: $rpcUrl, chainId: $chainId, host: $host, subscriptions: $subscriptions, credential: $credential,
      stablecoin: $stablecoin, adminWallet: $adminWallet, adminKeyFile: $adminKeyFile, httpUrl: $httpUrl,
      hostWallet: $hostWallet, realVms: $realVms, httpsUrl: $httpsUrl, tlsFingerprint: $tlsFingerprint,
      pids: $pids}' >"$tmp"
  mv "$tmp" "$DEV_HOME/dev.json"
}

dev_print_summary() {
  local home_opt=""
  [ "$DEV_HOME" != "$(cd "$DEV_HOME_DEFAULT" 2>/dev/null && pwd)" ] && home_opt=" --home $DEV_HOME"
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
