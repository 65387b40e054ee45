# shellcheck shell=bash
# `blockhost dev`: anvil + the runtime + the dev plugin set, set up non-interactively, supervised.
# Sourced by the launcher (/blockhost): uses its ROOT, die, info, as_root, apt_install,
# ensure_built, module_jar, runtime_command and start_runtime.

DEV_ANVIL="$ROOT/engine-evm-bundle/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
DEV_CHAIN_ID=31337
DEV_HOST=localhost
DEV_CHAIN_PLANS="basic:100,standard:200"          # name:centsPerDay, created on chain as plans 1, 2
DEV_CORE_PLANS='"1:1:512:4","2:2:1024:8"'          # planId:vcpus:memoryMiB:diskGiB
DEV_STEPS="evm.host-key evm.contracts evm.plans evm.admin-credential evm.handover evm.engine-config libvirt.template"
DEV_ANVIL_PID="" DEV_RUNTIME_PID="" DEV_STARTED_DAEMONS=()

# shellcheck source=bundles/app/src/main/sh/dev-setup.sh
. "$ROOT/bundles/app/src/main/sh/dev-setup.sh"
# shellcheck source=bundles/app/src/main/sh/dev-realvms.sh
. "$ROOT/bundles/app/src/main/sh/dev-realvms.sh"

dev_parse_args() {
  DEV_HOME="${BLOCKHOST_HOME:-$DEV_HOME_DEFAULT}" DEV_HTTP_PORT=8300 DEV_HTTPS_PORT="" DEV_RPC_PORT=8545
  DEV_BLOCK_TIME="${BLOCKHOST_DEV_BLOCK_TIME:-1}" DEV_RESET=0 DEV_REAL_VMS=0 DEV_RUNTIME_ONLY=0 DEV_WIZARD=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --home) DEV_HOME=${2:?--home needs a directory}; shift 2 ;;
      --http-port) DEV_HTTP_PORT=${2:?--http-port needs a number}; shift 2 ;;
      --https-port) DEV_HTTPS_PORT=${2:?--https-port needs a number}; shift 2 ;;
      --rpc-port) DEV_RPC_PORT=${2:?--rpc-port needs a number}; shift 2 ;;
      --block-time) DEV_BLOCK_TIME=${2:?--block-time needs seconds}; shift 2 ;;
      --reset) DEV_RESET=1; shift ;;
      --real-vms) DEV_REAL_VMS=1; shift ;;
      --runtime-only) DEV_RUNTIME_ONLY=1; shift ;;
      --wizard) DEV_WIZARD=1; shift ;;
      *) die "dev: unknown option '$1' (see 'blockhost --help')" ;;
    esac
  done
  [[ "$DEV_HTTP_PORT" =~ ^[0-9]{1,5}$ ]] || die "dev: --http-port must be a number"
  [[ "$DEV_RPC_PORT" =~ ^[0-9]{1,5}$ ]] || die "dev: --rpc-port must be a number"
  [[ -z "$DEV_HTTPS_PORT" || "$DEV_HTTPS_PORT" =~ ^[0-9]{1,5}$ ]] || die "dev: --https-port must be a number"
  [[ "$DEV_BLOCK_TIME" =~ ^[0-9]{1,4}$ ]] || die "dev: --block-time must be whole seconds (0 = mine on every transaction)"
}

dev_main() {
  dev_parse_args "$@"
  if [ "$DEV_RUNTIME_ONLY" = 1 ]; then dev_runtime_only; fi
  if [ "$DEV_REAL_VMS" = 1 ]; then as_root || die "dev --real-vms needs root: it starts libvirtd and runs QEMU guests"
  elif as_root; then info "warning: dev mode running as root; production never runs the runtime as root"; fi
  dev_install_packages
  ensure_built
  dev_refuse_running "$DEV_HOME"
  if [ "$DEV_RESET" = 1 ]; then dev_reset "$DEV_HOME"; fi
  mkdir -p "$DEV_HOME/logs" "$DEV_HOME/keys"
  DEV_HOME="$(cd "$DEV_HOME" && pwd)"
  rm -f "$DEV_HOME/dev.json"
  trap dev_on_signal INT TERM
  trap dev_stop_all EXIT
  if [ "$DEV_REAL_VMS" = 1 ]; then realvms_start_libvirtd; fi
  dev_start_anvil
  dev_write_configs
  dev_deploy_plugins
  dev_host_key
  dev_admin_key
  dev_start_runtime
  if [ "$DEV_WIZARD" = 1 ]; then dev_wizard; else dev_setup; dev_wait_ready; fi
  dev_write_json
  dev_print_summary
  dev_supervise
}

# The runtime alone in the dev layout, no plugins (what `blockhost dev` did before the full stack).
dev_runtime_only() {
  ensure_java
  [ -f "$RUNTIME_JAR" ] || ensure_built
  mkdir -p "$DEV_HOME"
  DEV_HOME="$(cd "$DEV_HOME" && pwd)"
  info "dev home $DEV_HOME, runtime only (plugins: $DEV_HOME/plugins)"
  start_runtime dev "$DEV_HOME/etc" "$DEV_HOME/state" "$DEV_HOME/plugins" 127.0.0.1 "$DEV_HTTP_PORT" "$DEV_HTTPS_PORT"
}

# Debian packages the default path needs at run time (building installs its own).
dev_install_packages() {
  ensure_java
  apt_install curl jq qemu-utils genisoimage libvirt0
}

# One `blockhost dev` per home: a runtime answering on the home's socket means one runs.
dev_refuse_running() {
  [ -S "$1/state/blockhost.sock" ] || return 0
  if "$ROOT/blockhost" status --home "$1" >/dev/null 2>&1; then
    die "dev: a runtime is already running in $1 (stop that 'blockhost dev' first)"
  fi
}

# --reset: deletes the dev home, but only when it looks like one.
dev_reset() {
  local home=$1
  [ -e "$home" ] || return 0
  [ -d "$home" ] || die "dev --reset: $home is not a directory"
  if [ ! -f "$home/dev.json" ] && { [ ! -d "$home/etc" ] || [ ! -d "$home/state" ]; }; then
    die "dev --reset: $home does not look like a dev home (no dev.json, no etc/ and state/): not deleting it"
  fi
  info "deleting the dev home $home"
  realvms_unmount_templates "$home/agent/var/lib/blockhost/templates" # left by a killed --real-vms run
  rm -rf --one-file-system -- "$home"
}

# --- anvil ------------------------------------------------------------------------

# dev_rpc METHOD PARAMS_JSON: the JSON-RPC result (fails when the node answers an error).
dev_rpc() {
  curl -sS --max-time 10 -H 'Content-Type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$DEV_RPC_URL" \
    | jq -c 'if has("result") then .result else error(.error.message // "no result") end'
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The RPC port: the asked one; with 0 the one this home used last time when it is free (the
# engine's configuration names it), else a free one chosen by anvil.
dev_rpc_port() {
  local remembered="$DEV_HOME/anvil/port"
  if [ "$DEV_RPC_PORT" != 0 ]; then
    port_in_use "$DEV_RPC_PORT" && die "dev: RPC port $DEV_RPC_PORT is in use (choose another with --rpc-port)"
    echo "$DEV_RPC_PORT"
  elif [ -f "$remembered" ] && ! port_in_use "$(<"$remembered")"; then
    cat "$remembered"
  else
    echo 0
  fi
}

dev_start_anvil() {
  [ -x "$DEV_ANVIL" ] || die "anvil is missing ($DEV_ANVIL): build without BLOCKHOST_SKIP_BUILD (it runs npm ci)"
  local dir="$DEV_HOME/anvil" log="$DEV_HOME/logs/anvil.log" port mining=()
  mkdir -p "$dir"
  port="$(dev_rpc_port)"
  [ "$DEV_BLOCK_TIME" != 0 ] && mining=(--block-time "$DEV_BLOCK_TIME")
  local offset=0
  [ -f "$log" ] && offset="$(stat -c %s "$log")"
  # its own process group (setsid execs it: $! is anvil): a terminal's Ctrl-C reaches only this
  # script, which stops the runtime first and then anvil (the runtime ignores SIGINT as a job)
  setsid "$DEV_ANVIL" --host 127.0.0.1 --port "$port" --chain-id "$DEV_CHAIN_ID" "${mining[@]}" \
    --state "$dir/state.json" --state-interval 2 >>"$log" 2>&1 </dev/null &
  DEV_ANVIL_PID=$!
  port="$(dev_await_anvil_port "$log" "$offset")"
  echo "$port" >"$dir/port"
  DEV_RPC_URL="http://127.0.0.1:$port"
  [ "$(dev_rpc eth_chainId '[]')" = "\"0x7a69\"" ] || dev_fail "anvil at $DEV_RPC_URL does not answer chain id $DEV_CHAIN_ID"
  info "anvil (pid $DEV_ANVIL_PID) at $DEV_RPC_URL, state $dir/state.json, log $log"
}

# dev_await_anvil_port LOG OFFSET: the port from anvil's "Listening on" line written after OFFSET.
dev_await_anvil_port() {
  local i line
  for ((i = 0; i < 300; i++)); do
    kill -0 "$DEV_ANVIL_PID" 2>/dev/null || dev_fail "anvil exited at start (see $1)"
    line="$(tail -c +"$(($2 + 1))" "$1" | grep -m1 -o 'Listening on 127\.0\.0\.1:[0-9]*' || true)"
    [ -n "$line" ] && { echo "${line##*:}"; return 0; }
    sleep 0.1
  done
  dev_fail "anvil did not start listening within 30 s (see $1)"
}

# --- files in the dev home ------------------------------------------------------------

# dev_cfg PID LINE...: writes <etc>/PID.cfg (temp name + rename) unless it exists already.
dev_cfg() {
  local etc="$DEV_HOME/etc" pid=$1
  shift
  mkdir -p "$etc"
  [ -e "$etc/$pid.cfg" ] && return 0
  printf '%s\n' "$@" >"$etc/.$pid.cfg.part"
  mv "$etc/.$pid.cfg.part" "$etc/$pid.cfg"
}

dev_write_configs() {
  local agent="$DEV_HOME/agent" uri=test:///default public=$DEV_HOST
  if [ "$DEV_REAL_VMS" = 1 ]; then
    uri=qemu:///system public="$(realvms_public_host)"
    # real guests: the agent applies the port forwards and tenant isolation (root); the management
    # firewall's base ruleset stays off so that dev never closes this machine's SSH port
    dev_cfg org.blockhost.rootagent mode=inprocess "libvirtUri=$uri" "devDir=$agent" hostNetworkDryRun=false
    dev_cfg org.blockhost.core.admin baseRuleset=false
  fi
  dev_cfg org.blockhost.rootagent mode=inprocess "libvirtUri=$uri" "devDir=$agent"
  if [ "$DEV_REAL_VMS" = 1 ]; then realvms_provisioner_cfg "$agent"
  # test:///default reports a 3 GiB host that already runs its 8 GiB domain 'test': without
  # overcommit every create is refused as beyond capacity
  else dev_cfg org.blockhost.provisioner.libvirt "uri=$uri" "vmDir=$agent/var/lib/blockhost/vms" \
         "templateDir=$agent/var/lib/blockhost/templates" memoryOvercommit=64
  fi
  dev_cfg org.blockhost.core.plans "plans=[$DEV_CORE_PLANS]"
  dev_cfg org.blockhost.core.pipeline "publicHost=$public"
  dev_cfg org.blockhost.core.lifecycle intervalSeconds=5 reconcileIntervalSeconds=30
  dev_cfg org.blockhost.core.readiness engine=evm provisioner=libvirt
}

# dev_deploy_jar JAR NAME: copies a plugin into <plugins> (temp name + rename) when it changed.
dev_deploy_jar() {
  local plugins="$DEV_HOME/plugins"
  mkdir -p "$plugins"
  cmp -s "$1" "$plugins/$2.jar" && return 0
  cp "$1" "$plugins/.$2.jar.part"
  mv -f "$plugins/.$2.jar.part" "$plugins/$2.jar"
}

dev_deploy_plugins() {
  local spec jar
  for spec in bundles/web3j/target:org.blockhost.web3j:web3j bundles/web3j/target/lib:rxjava:rxjava \
              bundles/web3j/target/lib:reactive-streams:reactive-streams \
              bundles/web3j/target/lib:Java-WebSocket:java-websocket \
              engine-evm-bundle/target:org.blockhost.engine.evm:engine-evm \
              root-agent/target:org.blockhost.rootagent:root-agent root-agent/target/lib:jna:jna \
              provisioner-libvirt-bundle/target:org.blockhost.provisioner.libvirt:provisioner-libvirt; do
    IFS=: read -r dir prefix name <<<"$spec"
    jar="$(module_jar "$dir" "$prefix")"
    [ -n "$jar" ] || dev_fail "plugin jar missing: $dir/$prefix-*.jar"
    dev_deploy_jar "$jar" "$name"
  done
}

# dev_keygen FILE: a new wallet key in FILE (0600; the key goes from the tool's stdout straight
# into the file) unless FILE exists; prints the wallet's address.
dev_keygen() {
  local file=$1
  mkdir -p "$(dirname "$file")"
  if [ ! -s "$file" ]; then
    (umask 077 && "$ROOT/blockhost" crypto keygen | awk -v f="$file.part" \
      '$1 == "privateKey" { print $2 > f } $1 == "address" { print $2 > (f ".address") }') \
      || dev_fail "key generation failed"
    mv "$file.part.address" "$file.address"
    mv "$file.part" "$file"
  fi
  cat "$file.address"
}

# The host wallet: the key the evm.host-key step reuses, funded so the deploy can pay gas.
dev_host_key() {
  DEV_HOST_ADDRESS="$(dev_keygen "$DEV_HOME/etc/keys/evm-host.key")"
  dev_rpc anvil_setBalance "[\"$DEV_HOST_ADDRESS\",\"0x3635c9adc5dea00000\"]" >/dev/null \
    || dev_fail "could not fund the host wallet $DEV_HOST_ADDRESS"
}

dev_admin_key() {
  DEV_ADMIN_KEY="$DEV_HOME/keys/admin.key"
  DEV_ADMIN_ADDRESS="$(dev_keygen "$DEV_ADMIN_KEY")"
}

# --- the runtime ----------------------------------------------------------------------------

dev_start_runtime() {
  local log="$DEV_HOME/logs/runtime.log" i
  rm -f "$DEV_HOME/state/runtime.json" "$DEV_HOME/state/tls/endpoint.json"
  # HTTPS: --https-port, else a free port when HTTP takes one, else 8443
  local https=${DEV_HTTPS_PORT:-8443}
  [ -z "$DEV_HTTPS_PORT" ] && [ "$DEV_HTTP_PORT" = 0 ] && https=0
  runtime_command dev "$DEV_HOME/etc" "$DEV_HOME/state" "$DEV_HOME/plugins" 127.0.0.1 "$DEV_HTTP_PORT" "$https"
  "${RUNTIME_CMD[@]}" >>"$log" 2>&1 </dev/null &
  DEV_RUNTIME_PID=$!
  for ((i = 0; i < 1200; i++)); do
    dev_children_alive
    DEV_HTTP_URL="$(jq -r '.httpUrl // empty' "$DEV_HOME/state/runtime.json" 2>/dev/null || true)"
    [ -n "$DEV_HTTP_URL" ] && break
    sleep 0.1
  done
  [ -n "$DEV_HTTP_URL" ] || dev_fail "the runtime did not start within 120 s (see $log)"
  dev_await 60 "HTTPS (state/tls/endpoint.json)" dev_tls_endpoint
  if [ "$DEV_REAL_VMS" = 1 ]; then realvms_signing_url; fi
  info "runtime (pid $DEV_RUNTIME_PID) at $DEV_HTTPS_URL (TLS SHA-256 $DEV_TLS_FINGERPRINT) and $DEV_HTTP_URL, log $log"
}

# dev_await SECONDS WHAT COMMAND...: retries COMMAND every 0.5 s while both children live.
dev_await() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    dev_children_alive
    "$@" && return 0
    sleep 0.5
  done
  dev_fail "$what did not happen within $seconds s (logs in $DEV_HOME/logs)"
}

# The HTTPS endpoint the runtime published: sets DEV_HTTPS_URL and DEV_TLS_FINGERPRINT.
dev_tls_endpoint() {
  local file="$DEV_HOME/state/tls/endpoint.json"
  [ -s "$file" ] || return 1
  DEV_HTTPS_URL="$(jq -r '.httpsUrl // empty' "$file")" DEV_TLS_FINGERPRINT="$(jq -r '.tlsFingerprint // empty' "$file")"
  [ -n "$DEV_HTTPS_URL" ] && [ -n "$DEV_TLS_FINGERPRINT" ]
}

# Every finalization step of the engine and the provisioner is registered (a failed plugin stops).
# Through the operator CLI: /setup needs the setup code and is gone once setup is complete.
dev_steps_registered() {
  local ids step failed
  failed="$(dev_cli plugins --json 2>/dev/null \
    | jq -r '.[] | select(.state == "FAILED") | "\(.id): \(.failure)"' 2>/dev/null || true)"
  [ -z "$failed" ] || dev_fail "a plugin failed (check the .cfg files in $DEV_HOME/etc): $failed"
  ids="$(dev_cli setup status --json 2>/dev/null | jq -r '.steps[].id' 2>/dev/null)" || return 1
  for step in $DEV_STEPS; do grep -qx "$step" <<<"$ids" || return 1; done
}

dev_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$DEV_HTTP_URL/ready")" = 200 ]; }

dev_wait_ready() {
  dev_await 120 "/ready 200 (engine and provisioner active)" dev_ready
}

# --- supervision ------------------------------------------------------------------------------

# pid_alive PID: running (a zombie, exited but not yet waited for, is not).
pid_alive() {
  local state
  state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# Both children still run, else stop the other and say which one died with which status.
dev_children_alive() {
  local rc=0 name pid
  for name in anvil runtime; do
    if [ "$name" = anvil ]; then pid=$DEV_ANVIL_PID; else pid=$DEV_RUNTIME_PID; fi
    [ -n "$pid" ] && ! pid_alive "$pid" || continue
    wait "$pid" || rc=$?
    if [ "$name" = anvil ]; then DEV_ANVIL_PID=""; else DEV_RUNTIME_PID=""; fi
    dev_fail "$name (pid $pid) exited on its own with status $rc (see $DEV_HOME/logs/$name.log): stopping the rest"
  done
}

# dev_stop NAME PID: SIGTERM, up to 30 s, then SIGKILL; reaps it.
dev_stop() {
  local name=$1 pid=$2 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  if pid_alive "$pid"; then
    info "$name (pid $pid) still runs 30 s after SIGTERM: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Runtime first (it may still talk to the chain), then anvil (SIGTERM: it dumps its state).
dev_stop_all() {
  dev_stop runtime "$DEV_RUNTIME_PID"
  DEV_RUNTIME_PID=""
  dev_stop anvil "$DEV_ANVIL_PID"
  DEV_ANVIL_PID=""
  realvms_stop_daemons
}

dev_fail() {
  info "$*"
  trap - INT TERM
  dev_stop_all
  exit 1
}

dev_on_signal() {
  trap - INT TERM
  info "stopping the runtime and anvil"
  dev_stop_all
  rm -f "$DEV_HOME/dev.json"
  info "stopped"
  exit 0
}

# Stays in the foreground until a signal (trap) or until one child exits on its own. (Polling:
# `wait -n` misses a child that bash already reaped during a command substitution.)
dev_supervise() {
  while :; do
    dev_children_alive
    dev_wizard_watch
    sleep 0.5 &
    wait $! || true
  done
}
