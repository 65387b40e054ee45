#!/bin/sh
# Installs the four packages with dpkg (maintainer scripts included) into a throw-away copy of this
# host (overlayfs over /, private mount and network namespaces, chroot: the root agent's firewall
# actions, such as the base ruleset core applies in production, never touch this host's network), starts the root agent as root and the
# runtime as `blockhost` by hand (no systemd here), checks /health, root-agent calls by the
# runtime user (a ping, and the runtime's own console-issue), the OPNet package's Node sidecar as that user
# (opnet-sidecar.sh), and purge.
# Prints "PASS: name" / "FAIL: name". Needs root.
# Usage: install-and-start.sh HTTP_PORT HTTPS_PORT DEB...
set -eu
[ "$(id -u)" = 0 ] || { echo "FAIL: needs root"; exit 1; }
HTTP=$1 HTTPS=$2; shift 2
T=$(mktemp -d /tmp/bh-install.XXXXXX)
export START_BY_HAND="$(cd "$(dirname "$0")" && pwd)/start-by-hand.sh"
export OPNET_SIDECAR="$(cd "$(dirname "$0")" && pwd)/opnet-sidecar.sh"
trap 'rmdir "$T" 2>/dev/null || true' EXIT
unshare -m -n --propagation private sh -u -c '
T=$1 HTTP=$2 HTTPS=$3; shift 3
M=$T/m
check() { if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
ip link set lo up
mount -t tmpfs tmpfs "$T" && mkdir -p "$T/upper" "$T/work" "$M"
mount -t overlay overlay -o lowerdir=/,upperdir="$T/upper",workdir="$T/work" "$M"
mount --rbind /dev "$M/dev"; mount -t proc proc "$M/proc"; mount -t tmpfs tmpfs "$M/run"; mount -t tmpfs tmpfs "$M/tmp"
mkdir -p "$M/tmp/debs" && cp "$@" "$M/tmp/debs/"
check install "chroot $M sh -c \"dpkg -i /tmp/debs/*.deb\" >$T/dpkg.log 2>&1"
check user "chroot $M id -nG blockhost | grep -qx blockhost"
check plugins "[ -f $M/var/lib/blockhost/plugins/org.blockhost.engine.evm.jar ] && [ -f $M/var/lib/blockhost/plugins/org.blockhost.provisioner.libvirt.jar ] && [ -f $M/var/lib/blockhost/plugins/org.blockhost.engine.opnet.jar ]"
. "$OPNET_SIDECAR"
. "$START_BY_HAND"
code=000
for i in $(seq 1 90); do
  code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$HTTP/health" || true)
  [ "$code" = 200 ] && break; kill -0 "$runtime" 2>/dev/null || break; sleep 1
done
check runtime_health_200 "[ $code = 200 ]"
check runtime_runs_as_blockhost "[ \"\$(stat -c %u /proc/$runtime)\" = \"\$(chroot $M id -u blockhost)\" ]"
check runtime_store_in_own_dir "[ -f $M/var/lib/blockhost/runtime/blockhost.db ] && [ \"\$(stat -c %u:%a $M/var/lib/blockhost/runtime/blockhost.db)\" = \"\$(chroot $M id -u blockhost):600\" ]"
check agent_started "[ -S $M/run/blockhost/root-agent.sock ]"
check agent_ping_as_blockhost "chroot $M setpriv --reuid=blockhost --regid=blockhost --init-groups /usr/bin/python3 -c \"
import json, socket, struct
s = socket.socket(socket.AF_UNIX); s.connect(\\\"/run/blockhost/root-agent.sock\\\")
b = json.dumps({\\\"action\\\": \\\"ping\\\", \\\"params\\\": {}}).encode(); s.sendall(struct.pack(\\\">I\\\", len(b)) + b)
n = struct.unpack(\\\">I\\\", s.recv(4))[0]; r = json.loads(s.recv(n)); assert r[\\\"ok\\\"] and r[\\\"result\\\"][\\\"pong\\\"], r
\" 2>>$T/ping.err"
# the runtime itself calls the agent: console-issue puts the setup code above the console login
for i in $(seq 1 30); do [ -f "$M/etc/issue.d/blockhost.issue" ] && break; sleep 1; done
check runtime_called_agent "grep -q /setup/ $M/etc/issue.d/blockhost.issue"
plugins() { curl -s "http://127.0.0.1:$HTTP/api/plugins" | tr -d "\n "; }
# installed = active: both bundles run (the engine waits for its setup, the provisioner serves)
evm_listed() { plugins | grep -qF "\"bundleSymbolicName\":\"org.blockhost.engine.evm\""; }
libvirt_active() { plugins | grep -q "\"id\":\"libvirt\",[^}]*\"state\":\"ACTIVE\""; }
for i in $(seq 1 20); do evm_listed && libvirt_active && break; sleep 1; done
check plugins_in_runtime "evm_listed && libvirt_active"
check remove_plugin "[ -f $M/var/lib/blockhost/plugins/org.blockhost.engine.evm.jar ] && chroot $M dpkg --purge blockhost-provisioner-libvirt blockhost-provisioner-proxmox blockhost-engine-evm blockhost-engine-opnet >>$T/dpkg.log 2>&1 && [ ! -e $M/var/lib/blockhost/plugins/org.blockhost.engine.evm.jar ] && [ ! -e $M/var/lib/blockhost/plugins/org.blockhost.engine.opnet.jar ]"
# removed = deactivated, in the running runtime
for i in $(seq 1 20); do evm_listed || break; sleep 1; done
check opnet_sidecar_purged "[ ! -e $M/usr/lib/blockhost/opnet-sidecar ]"
check plugins_gone_from_runtime "[ \"\$(plugins)\" = \"[]\" ]"
kill "$runtime" "$agent" 2>/dev/null; wait "$runtime" "$agent" 2>/dev/null
check purge_keeps_data "[ -e $M/usr/bin/blockhost ] && chroot $M dpkg --purge blockhost-root-agent blockhost-runtime >>$T/dpkg.log 2>&1 && [ -f $M/var/lib/blockhost/runtime/blockhost.db ] && [ ! -e $M/usr/bin/blockhost ]"
for f in dpkg agent runtime ping sidecar; do [ -s "$T/$f.log" ] && { echo "--- $f.log"; tail -n 15 "$T/$f.log"; }; [ -s "$T/$f.err" ] && tail -n 15 "$T/$f.err"; done
umount -R "$M" 2>/dev/null; umount -l "$T"
' sh "$T" "$HTTP" "$HTTPS" "$@"
