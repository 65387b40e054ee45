# shellcheck shell=sh
# Phase "finalize" of full-install.sh (opt-in; see iso/README.md), sourced by it: the installed stand-in
# is set up through the wizard over HTTPS, finalized, rebooted, and must come up as a live host.
# The chain is an anvil on this host's loopback behind a TLS front (TlsFront.java, a CA made per run in
# $W/tls); the guest's user network is a documentation range (198.51.100.0/24: public to the engine's
# RPC policy, M11) with a guestfwd from $CHAIN_IP:443 to that front, so the installed host's policy
# (https to a public address) holds unchanged. The CA is in the stand-in's trust store before first boot
# installs Java (ca-certificates-java takes it in).
# Not 203.0.113.0/24: this machine's DNS answers deb.debian.org with 203.0.113.80 (its egress proxy), which
# inside that guest network would be on-link and unreachable (the template build's debootstrap failed so)
NET=${BH_GUEST_NET:-198.51.100.0/24} CHAIN_IP=${BH_CHAIN_IP:-198.51.100.100}
LIVE_DIR=${LIVE_DIR:-$(cd "$(dirname "$0")" && pwd)}
# the built tree (anvil, the test stablecoin, crypto.js): this checkout, or BH_REPO (another built checkout)
REPO=${BH_REPO:-$(cd "$LIVE_DIR/../../../.." && pwd)}

# make_ca: a CA once per work directory (it goes into the stand-in) and a server certificate for $CHAIN_IP
# (IP SAN) in $W/tls (server-$CHAIN_IP.p12)
make_ca() {
  T=$W/tls
  [ -f "$T/server-$CHAIN_IP.p12" ] && return 0
  mkdir -p "$T" && chmod 0700 "$T"
  [ -f "$T/ca.crt" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3 -subj "/CN=full-install.sh test CA $(date -u +%FT%T)" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$T/ca.key" -out "$T/ca.crt" 2>/dev/null
  [ -f "$T/ca.crt" ] || return 1
  printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n' "$CHAIN_IP" >"$T/server.ext"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$CHAIN_IP" \
    -keyout "$T/server.key" -out "$T/server.csr" 2>/dev/null \
    && openssl x509 -req -in "$T/server.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" -CAcreateserial -days 3 \
      -extfile "$T/server.ext" -out "$T/server.crt" 2>/dev/null \
    && openssl pkcs12 -export -in "$T/server.crt" -inkey "$T/server.key" -name front -passout pass:full-install \
      -out "$T/server-$CHAIN_IP.p12"
}

# install_ca ROOTFS: the run's CA in the stand-in's trust store (/etc/ssl/certs), before Java comes; also
# the local CAs this host trusts (/usr/local/share/ca-certificates: here the egress proxy's, which re-signs
# TLS), so the template build's debootstrap from the https mirror works in the guest as it does here
install_ca() {
  mkdir -p "$1/usr/local/share/ca-certificates"
  for c in /usr/local/share/ca-certificates/*.crt; do [ -f "$c" ] && install -m 0644 "$c" "$1$c"; done
  install -m 0644 "$W/tls/ca.crt" "$1/usr/local/share/ca-certificates/full-install-test-ca.crt" \
    && chroot "$1" update-ca-certificates >/dev/null && live_probe "$1" && slow_host "$1"
}

# slow_host ROOTFS: what the operator of a slow host sets (the root agent's README, "Slow hosts"): here the host
# is a TCG guest, whose debootstrap of the VM template alone took more than the packaged 45 min. The template
# unit's TimeoutStartSec (a systemd drop-in, as `systemctl edit` writes it) to BH_TEMPLATE_MIN (150) minutes,
# and the finalization runner's step timeout above it (/etc/blockhost/runtime/<pid>.cfg, read at start)
slow_host() {
  d=$1/etc/systemd/system/blockhost-template-build.service.d
  mkdir -p "$d" "$1/etc/blockhost/runtime"
  printf '[Service]\nTimeoutStartSec=%smin\n' "$TEMPLATE_MIN" >"$d/slow-host.conf"
  echo "stepTimeoutSeconds=$(((TEMPLATE_MIN + 5) * 60))" >"$1/etc/blockhost/runtime/org.blockhost.installer.finalization.cfg"
  chmod 0644 "$d/slow-host.conf" "$1/etc/blockhost/runtime/org.blockhost.installer.finalization.cfg"
}

# live_probe ROOTFS: a test probe (not in the product) that puts, every 20 s, "bh-live:" lines on the
# console: the runtime's /ready (plain HTTP on the guest's loopback, where the ops surface answers) and
# the users and command lines of the Java processes (runtime, root agent)
live_probe() {
  cat >"$1/usr/local/sbin/bh-live-probe" <<'PROBE'
#!/bin/bash
while :; do
  r=$({ exec 3<>/dev/tcp/127.0.0.1/8300 && printf 'GET /ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3; } 2>/dev/null | tr -d '\r')
  # the body (after the blank line) on one line: the JSON is indented, its last line alone is "}"
  echo "bh-live: ready $(echo "$r" | head -n 1 | cut -d ' ' -f 2) $(echo "$r" | sed '1,/^$/d' | tr -d '[:space:]' | cut -c 1-300)"
  ps -eo user:12=,args= | grep '[j]ava' | cut -c 1-220 | sed 's/^/bh-live: proc /'
  sleep 20
done
PROBE
  chmod 0755 "$1/usr/local/sbin/bh-live-probe"
  printf '[Unit]\nDescription=full-install.sh live probe\nAfter=network.target\n[Service]\nExecStart=/usr/local/sbin/bh-live-probe\nStandardOutput=journal+console\n[Install]\nWantedBy=multi-user.target\n' \
    >"$1/etc/systemd/system/bh-live-probe.service"
  mkdir -p "$1/etc/systemd/system/multi-user.target.wants"
  ln -sf /etc/systemd/system/bh-live-probe.service "$1/etc/systemd/system/multi-user.target.wants/bh-live-probe.service"
}

ANVIL=${BH_ANVIL:-$REPO/engine-evm-bundle/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil}
ANVIL_PORT=$((PORT + 100)) FRONT_PORT=$((PORT + 101))
CHAIN_ID=31337
TEMPLATE_MIN=${BH_TEMPLATE_MIN:-150}
FINALIZE_MIN=${BH_FINALIZE_MIN:-$((TEMPLATE_MIN + 30))}
# QEMU's user network on the documentation range, the chain's address forwarded to the TLS front
# (a relay process per connection: a chardev target would take one connection only)
NETDEV_EXTRA=",net=$NET,guestfwd=tcp:$CHAIN_IP:443-cmd:python3 $LIVE_DIR/guestfwd-relay.py $FRONT_PORT"
# the first boot's QEMU lives through the wizard and finalization too
BOOT_MIN=$((BOOT_MIN + FINALIZE_MIN))

rpc() { # rpc METHOD PARAMS_JSON: the result (JSON) from anvil on loopback
  curl -s --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$ANVIL_PORT" | jq -c '.result'
}

# start_chain: anvil (state kept in $W/anvil-state.json across runs) and the TLS front; checks the
# front serves anvil's chain id under the run's CA for https://$CHAIN_IP/
start_chain() {
  "$ANVIL" --host 127.0.0.1 --port "$ANVIL_PORT" --chain-id "$CHAIN_ID" --state "$W/anvil-state.json" >>"$W/anvil.log" 2>&1 &
  ANVIL_PID=$!
  make_ca || return 1
  FRONT_P12_PASS=full-install java "$LIVE_DIR/TlsFront.java" "$W/tls/server-$CHAIN_IP.p12" "$FRONT_PORT" "$ANVIL_PORT" >>"$W/front.log" 2>&1 &
  FRONT_PID=$!
  got=""
  for _ in $(seq 1 60); do
    got=$(curl -s --max-time 5 --cacert "$W/tls/ca.crt" --connect-to "$CHAIN_IP:443:127.0.0.1:$FRONT_PORT" \
      -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
      "https://$CHAIN_IP/" | jq -r '.result' 2>/dev/null) && [ "$got" = 0x7a69 ] && break
    sleep 1
  done
  check chain_https_front_with_the_runs_ca "[ '$got' = 0x7a69 ]"
  ADMIN=$(rpc eth_accounts '[]' | jq -r '.[1]')
  FUNDER=$(rpc eth_accounts '[]' | jq -r '.[0]')
}

stop_chain() {
  kill "$FRONT_PID" "$ANVIL_PID" 2>/dev/null
  wait "$FRONT_PID" "$ANVIL_PID" 2>/dev/null
}

# deploy_stablecoin: the production setup needs a payment token (answer evm.stablecoin); the engine's
# test stablecoin, deployed from anvil's first account
deploy_stablecoin() {
  code=$(tr -d ' \n' <"$REPO/engine-evm-bundle/target/classes/contracts/TestStablecoin.bin" 2>/dev/null)
  case "$code" in 0x*) ;; ?*) code=0x$code ;; esac
  tx=$(rpc eth_sendTransaction "[{\"from\":\"$FUNDER\",\"data\":\"$code\",\"gas\":\"0x4c4b40\"}]" | jq -r .)
  STABLECOIN=$(rpc eth_getTransactionReceipt "[\"$tx\"]" | jq -r '.contractAddress // empty')
  check stablecoin_deployed "[ -n '$STABLECOIN' ]"
}

# --- the wizard, over HTTPS through hostfwd, as the console's URL names the host ($hp from boot_and_check)
wcurl() {
  curl -sk --max-time 120 --connect-to "$hp:127.0.0.1:$PORT" -b "$W/cookies" -c "$W/cookies" -H "Origin: https://$hp" "$@"
}

# form PAGE FIELD=VALUE...: posts a wizard page's form with the session's CSRF token; prints the HTTP
# status, the answer in $W/page-PAGE.html
form() {
  page=$1; shift
  n=$#
  for kv; do set -- "$@" --data-urlencode "$kv"; done
  shift "$n"
  wcurl -o "$W/page-$(echo "$page" | tr / -).html" -w '%{http_code}' -H "X-CSRF-Token: $CSRF" \
    --data-urlencode "_csrf=$CSRF" "$@" "https://$hp/setup/$page"
}

# saved PAGE STATUS: the form's answer saved it: a redirect, or 200 saying "Saved" with no error on the page
# (a refused form answers 200 too, re-rendered with its errors: a status check alone passed a refused page)
saved() {
  f=$W/page-$(echo "$1" | tr / -).html
  case "$2" in
    302|303) return 0 ;;
    200) grep -q 'Saved' "$f" && ! grep -Eq "class=[\"']?[^\"'>]*error|role=[\"']?alert" "$f" ;;
    *) return 1 ;;
  esac
}

# post_json PATH JSON: prints the HTTP status, the answer in $W/answer.json
post_json() {
  wcurl -o "$W/answer.json" -w '%{http_code}' -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -H 'Accept: application/json' -d "$2" "https://$hp/setup/$1"
}

hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
# jsnode CODE ARG: node running an ES module that imports crypto.js as the page does; crypto.js imports the web
# kit by its served path (/kit/ecies.js), mapped here to bundles/web's resources by a resolve hook
jsnode() {
  mkdir -p "$W/js"
  printf '%s\n' "const KIT = new URL('file://$REPO/bundles/web/src/main/resources/kit/');" \
    "export async function resolve(s, c, next) { return next(s.startsWith('/kit/') ? new URL(s.slice(5), KIT).href : s, c); }" \
    >"$W/js/kit-hook.mjs"
  printf '%s\n' "import { register } from 'node:module';" "register('./kit-hook.mjs', import.meta.url);" >"$W/js/kit.mjs"
  node --import "$W/js/kit.mjs" --input-type=module -e "$1" "$2"
}
# personal_sign (EIP-191) of TEXT by an anvil account (unlocked)
sign() { rpc personal_sign "[\"0x$(hex "$2")\",\"$1\"]" | jq -r .; }
eip55() {
  jsnode "import { checksumAddress } from '$REPO/engine-evm-bundle/web/src/crypto.js';
    console.log(checksumAddress(process.argv[1]));" "$1"
}

# wizard LOG...: the setup code from the (last) console log that shows one, then every page as an operator
# answers it
wizard() {
  guest=${hp%:*}
  rm -f "$W/cookies"
  # a runtime that starts again makes a new code, which the serial console may not show (its getty is not
  # reloaded at a normal boot): a few tries only (ten wrong ones replace the code); BH_SETUP_CODE gives one
  # (`sudo blockhost setup code` on the guest's console)
  for _ in $(seq 1 5); do
    code=${BH_SETUP_CODE:-$(cat "$@" | plain /dev/stdin | grep -Eo 'enter the setup code [A-HJKMNP-Z2-9]{6}' | tail -n 1 | awk '{ print $NF }')}
    s=$(wcurl -o /dev/null -w '%{http_code}' --data-urlencode "code=$code" "https://$hp/setup/login")
    [ "$s" = 303 ] && break
    sleep 15
  done
  CSRF=$(wcurl "https://$hp/setup/api/session" | jq -r '.csrf // empty')
  check wizard_setup_code_session "[ '$s' = 303 ] && [ -n '$CSRF' ]"
  # Admin wallet: EIP-4361 sign-in with anvil's second account (the message the page's script builds)
  nonce=$(post_json evm-wallet/nonce '{}' >/dev/null; jq -r '.nonce // empty' "$W/answer.json")
  admin=$(eip55 "$ADMIN")
  msg=$(printf '%s wants you to sign in with your Ethereum account:\n%s\n\nUse this wallet as the admin wallet of this BlockHost host. It costs nothing and sends no transaction.\n\nURI: https://%s/setup/\nVersion: 1\nChain ID: %s\nNonce: %s\nIssued At: %s\nExpiration Time: %s' \
    "$hp" "$admin" "$hp" "$CHAIN_ID" "$nonce" "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$(date -u -d '+5 min' +%Y-%m-%dT%H:%M:%S.000Z)")
  s=$(post_json evm-wallet "$(jq -n --arg m "$msg" --arg s "$(sign "$ADMIN" "$msg")" '{message: $m, signature: $s}')")
  check wizard_admin_wallet_signed_in "[ '$s' = 200 ] && jq -e --arg a '$admin' '.address == \$a' '$W/answer.json' >/dev/null"
  s=$(form network "publicHost=$guest")
  check wizard_network_public_host "saved network '$s'"
  s=$(form storage vmDir=/var/lib/blockhost/vms)
  check wizard_storage "saved storage '$s'"
  # the chain page checks the URL against the installed host's policy and the node's chain id
  s=$(form evm-chain "rpcUrl=https://$CHAIN_IP/" "chainId=$CHAIN_ID" "stablecoin=$STABLECOIN")
  check wizard_chain_reached_and_saved "saved evm-chain '$s' && grep -q 'reached' '$W/page-evm-chain.html'"
  grep -o '<p class=[a-z]*>[^<]*' "$W/page-evm-chain.html" | sed 's/^/  chain page: /'
  s=$(form evm-admin plans=basic:100,standard:200)
  check wizard_plans "saved evm-admin '$s'"
  s=$(form libvirt uri=qemu:///system)
  check wizard_libvirt "saved libvirt '$s'"
  wcurl -o "$W/summary.html" "https://$hp/setup/summary"
  s=$(form summary)
  check wizard_summary_confirmed "[ '$s' = 302 ] || [ '$s' = 303 ]"
}

# access_key: the access-key message from the Admin wallet page, signed by the admin account; the
# public key K derived as the page's browser code does (web/src/crypto.js), posted; nothing else leaves
access_key() {
  wcurl -o "$W/wallet.html" "https://$hp/setup/evm-wallet"
  m=$(python3 -c 'import html, re, sys
m = re.search(r"id=\"key-message\"[^>]*>(.*?)</pre>", open(sys.argv[1]).read(), re.S)
print(html.unescape(m.group(1)) if m else "", end="")' "$W/wallet.html")
  [ -n "$m" ] || return 1
  k=$(jsnode "import { deriveAccessKey } from '$REPO/engine-evm-bundle/web/src/crypto.js';
    console.log(deriveAccessKey(process.argv[1]).publicKey);" "$(sign "$ADMIN" "$m")")
  s=$(post_json evm-wallet/access-key "{\"accessKey\":\"$k\"}")
  stamp "finalize: access key for '$(echo "$m" | tr '\n' '|')' saved ($s)"
  [ "$s" = 200 ]
}

# finalization LOG: polled until complete (or FINALIZE_MIN); the host key funded by anvil's first account
# once published, the access key given once the credential contract exists, a failed step retried twice.
# Once the last step is done the setup surface closes (404, as the product does: the tenth run's harness polled
# a closed /setup/ until its time was up): a 404 after steps were seen ends the polling, the last answer that
# listed the steps is the one checked, and the console's probe must then say the host is ready
finalization() {
  funded="" keyed="" tries=0 last="" closed="" started=$(date +%s)
  rm -f "$W/finalization-last.json"
  while [ $(($(date +%s) - started)) -lt $((FINALIZE_MIN * 60)) ]; do
    # no answer must not leave an earlier run's file to be read as this one's
    rm -f "$W/finalization.json"
    st=$(wcurl -o "$W/finalization.json" -w '%{http_code}' "https://$hp/setup/api/finalization")
    if [ "$st" = 404 ] && [ -f "$W/finalization-last.json" ]; then
      closed=1 && stamp "finalize: /setup/ answers 404: setup closed" && break
    fi
    jq -e '.steps' "$W/finalization.json" >/dev/null 2>&1 && cp "$W/finalization.json" "$W/finalization-last.json"
    now=$(jq -r '[.steps[] | "\(.id)=\(.state)\(if .durationMs then "(\(.durationMs / 1000 | floor)s)" else "" end)"] | join(" ")' "$W/finalization.json" 2>/dev/null)
    [ "$now" != "$last" ] && stamp "finalize: $now" && last=$now
    host=$(jq -r '.published["evm.hostAddress"] // empty' "$W/finalization.json" 2>/dev/null)
    if [ -n "$host" ] && [ -z "$funded" ]; then
      rpc anvil_setBalance "[\"$host\",\"0x56bc75e2d63100000\"]" >/dev/null && funded=1 && stamp "finalize: host key $host funded (100 ETH)"
    fi
    if [ -z "$keyed" ] && jq -e '.published["evm.credentialAddress"]' "$W/finalization.json" >/dev/null 2>&1; then
      access_key && keyed=1
    fi
    jq -e '.complete' "$W/finalization.json" >/dev/null 2>&1 && break
    if jq -e '(.running | not) and ([.steps[] | select(.state == "failed")] | length > 0)' "$W/finalization.json" >/dev/null 2>&1; then
      jq -r '.steps[] | select(.state == "failed") | "  failed: \(.id): \(.error)"' "$W/finalization.json"
      [ "$tries" -lt 2 ] || break
      tries=$((tries + 1))
      post_json api/finalization '{}' >/dev/null
    fi
    sleep 10
  done
  if [ -n "$closed" ]; then
    # /setup/ closes only when the last step is done (the last answer seen may be a few steps earlier)
    check finalization_complete "! jq -e '.steps[] | select(.state == \"failed\")' '$W/finalization-last.json' >/dev/null"
    off=$(wc -c <"$1")
    wait_for_after "$1" "$off" 'bh-live: ready 200 .*"engine":"evm".*"provisioner":"libvirt"' 3
    check finalized_host_ready_before_reboot "[ $? = 0 ]"
  else
    check finalization_complete "jq -e '.complete' '$W/finalization.json' >/dev/null"
  fi
  jq -r '.steps[] | "  \(.id) \(.state) \(.durationMs // "-") ms"' "$W/finalization-last.json" 2>/dev/null
}

# wait_for_after LOG OFFSET REGEX MINUTES: until the console shows REGEX after byte OFFSET (0) or time is up (1)
wait_for_after() {
  i=0
  until tail -c +"$(($2 + 1))" "$1" | plain /dev/stdin | grep -Eq "$3"; do
    i=$((i + 1)); [ "$i" -le $(($4 * 12)) ] || return 1
    sleep 5
  done
}

# live_checks LOG: after the reboot, what the guest's probe and this host see
live_checks() {
  wait_for "$1" 'bh-live: ready 200 ' "${BH_READY_MIN:-15}" "$qpid"
  check "reboot_ready_200" "[ $? = 0 ]"
  stamp "reboot: /ready 200"
  # the wizard's host as this boot's bridge address (the guest network may differ from first boot's)
  ip=$(plain "$1" | grep -o 'bh-probe: addr [^ ]*br0=[0-9.]*' | tail -n 1 | sed 's/.*br0=//')
  [ -z "$ip" ] || hp=$ip:8443
  ready=$(plain "$1" | grep -o 'bh-live: ready 200 .*' | tail -n 1)
  echo "  $ready"
  check reboot_ready_names_evm_and_libvirt "echo '$ready' | grep -q '\"engine\":\"evm\"' && echo '$ready' | grep -q '\"provisioner\":\"libvirt\"'"
  procs=$(plain "$1" | grep -o 'bh-live: proc .*' | tail -n 4)
  echo "$procs" | sed 's/^/  /'
  check reboot_runtime_runs_as_blockhost "echo '$procs' | grep -Eq 'proc blockhost +.*java'"
  check reboot_root_agent_runs_as_root "echo '$procs' | grep -Eq 'proc root +.*-jar /usr/share/blockhost/root-agent/'"
  s=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 30 --connect-to "$hp:127.0.0.1:$PORT" "https://$hp/setup/")
  check reboot_setup_404 "[ '$s' = 404 ]"
  # redirects followed (to the console's sign-in): the page itself must load
  a=$(curl -skL -o "$W/admin.html" -w '%{http_code}' --max-time 30 --connect-to "$hp:127.0.0.1:$PORT" "https://$hp/admin/")
  check reboot_admin_answers "[ '$a' = 200 ] && [ -s '$W/admin.html' ]"
  stamp "reboot: /setup/ $s, /admin/ $a"
}

# typed LOG REGEX SECONDS TEXT: TEXT and Enter typed on the serial console; until the console shows REGEX
# after it (0) or SECONDS pass (1)
typed() {
  off=$(wc -c <"$1")
  printf '%s\r' "$4" >&3
  i=0
  until tail -c +"$((off + 1))" "$1" | plain /dev/stdin | grep -Eq "$2"; do
    i=$((i + 1)); [ "$i" -le "$3" ] || return 1
    sleep 1
  done
}

# as_root LOG SECONDS COMMAND: COMMAND typed at hostadmin's shell on the console with sudo, then a marker the
# shell prints when sudo has returned (Debian's sudo relays typeahead into its own pty, where it is lost:
# the next command is typed only after the marker); 0 when the marker came. The marker is computed by the
# guest's shell ($((...))), so the echo of the typed line never matches it
as_root() {
  n=$(($(date +%s) % 10000))
  typed "$1" "^as-root-$((n + 1))-done" "$2" "sudo $3; echo as-root-\$(($n + 1))-done"
}

# console_root LOG: the operator's way on the serial console (BH_HOSTADMIN_PW: hostadmin's password, set
# at the first login): logs in as hostadmin, with sudo writes the finalization runner's step timeout
# (BH_STEP_TIMEOUT seconds; /etc/blockhost/runtime/<pid>.cfg, FileInstall applies it live) and takes a
# new setup code (`blockhost setup code`: the console's may be stale) into BH_SETUP_CODE; then logs out
console_root() {
  pw=${BH_HOSTADMIN_PW:-}
  [ -n "$pw" ] || return 0
  typed "$1" 'login:' 60 '' || typed "$1" 'login:' 60 ''
  typed "$1" 'Password:' 30 hostadmin && typed "$1" 'hostadmin@blockhost:~' 60 "$pw"
  check console_login_hostadmin "[ $? = 0 ]"
  # the first sudo asks for the password (cached for the rest of the session)
  typed "$1" '(password for hostadmin:|^sudo-ok-2)' 90 'sudo true; echo sudo-ok-$((1 + 1))' \
    && { tail -c 300 "$1" | plain /dev/stdin | grep -q '^sudo-ok-2' || typed "$1" '^sudo-ok-2' 90 "$pw"; }
  check console_sudo "[ $? = 0 ]"
  if [ -n "${BH_STEP_TIMEOUT:-}" ]; then
    f=/etc/blockhost/runtime/org.blockhost.installer.finalization.cfg
    off=$(wc -c <"$1")
    as_root "$1" 90 "sh -c 'echo stepTimeoutSeconds=$BH_STEP_TIMEOUT >$f' && sudo -u blockhost cat $f"
    check console_step_timeout_written_readable_by_blockhost \
      "tail -c +$((off + 1)) '$1' | plain /dev/stdin | grep -q '^stepTimeoutSeconds=$BH_STEP_TIMEOUT'"
    stamp "console: $f written (stepTimeoutSeconds=$BH_STEP_TIMEOUT)"
    sleep 10 # FileInstall polls every second; the runner (and what holds it) restart with the new value
  fi
  off=$(wc -c <"$1")
  as_root "$1" 120 'blockhost setup code'
  BH_SETUP_CODE=$(tail -c +"$((off + 1))" "$1" | plain /dev/stdin | grep -Eo 'setup code: [A-HJKMNP-Z2-9]{6} ' | tail -n 1 | cut -d ' ' -f 3)
  check console_new_setup_code "[ -n '$BH_SETUP_CODE' ]"
  stamp "console: new setup code $BH_SETUP_CODE"
  typed "$1" 'login:' 30 exit
}

# wizard_boot LOG: a boot of the disk as an earlier boot left it, with the wizard still open (phase
# "wizard": a run whose finalization stopped); the runtime up (the probe's /ready answers), the guest's
# address from the probe, then the wizard and finalization as after first boot
wizard_boot() {
  boot "$1"
  wait_for "$1" 'bh-live: ready [0-9]{3} ' "$BOOT_MIN" "$qpid"
  check wizard_boot_runtime_up "[ $? = 0 ]"
  hp=$(plain "$1" | grep -o 'bh-probe: addr [^ ]*br0=[0-9.]*' | tail -n 1 | sed 's/.*br0=//'):8443
  stamp "wizard boot: runtime up, wizard at https://$hp/setup/"
  console_root "$1"
  deploy_stablecoin
  wizard "$W/firstboot.log" "$1"
  finalization "$1"
}
