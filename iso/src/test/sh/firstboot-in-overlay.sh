#!/bin/sh
# Runs the ISO's first-boot script in a throw-away copy of this host (overlayfs over /, private
# mount namespace, chroot) inside a new network namespace with only loopback: the packages must
# come from the pool. systemd is not PID 1 here, so once the packages are in, the root agent and
# the runtime are started by hand, as their units would (see bundles/app/src/test/deb/install-and-start.sh).
# Prints "PASS: name" / "FAIL: name". Needs root.
# Usage: firstboot-in-overlay.sh FIRSTBOOT POOL HTTP_PORT HTTPS_PORT
set -eu
[ "$(id -u)" = 0 ] || { echo "FAIL: needs root"; exit 1; }
T=$(mktemp -d /tmp/bh-firstboot.XXXXXX)
export START_BY_HAND="$(cd "$(dirname "$0")/../../../../bundles/app/src/test/deb" && pwd)/start-by-hand.sh"
trap 'rmdir "$T" 2>/dev/null || true' EXIT
unshare -m -n --propagation private sh -u -c '
T=$1 FB=$2 POOL=$3 HTTP=$4 HTTPS=$5
M=$T/m S=$T/m/var/lib/blockhost-firstboot
check() { if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
ip link set lo up
mount -t tmpfs tmpfs "$T" && mkdir -p "$T/upper" "$T/work" "$M"
mount -t overlay overlay -o lowerdir=/,upperdir="$T/upper",workdir="$T/work" "$M"
mount --rbind /dev "$M/dev"; mount -t proc proc "$M/proc"; mount -t sysfs sysfs "$M/sys"; mount -t tmpfs tmpfs "$M/run"; mount -t tmpfs tmpfs "$M/tmp"
mkdir -p "$M/tmp/medium/pool" && mount --bind -o ro "$POOL" "$M/tmp/medium/pool"
cp "$FB" "$M/usr/local/sbin/blockhost-firstboot" && chmod 0755 "$M/usr/local/sbin/blockhost-firstboot"
# a fresh install has no policy-rc.d (this host, a container, may have one); first boot puts its own and removes it
rm -f "$M/usr/sbin/policy-rc.d"
# what the preseed leaves: "hostadmin" (own group, in sudo) without a usable password
chroot "$M" useradd -m -U -p "*" -G sudo hostadmin
check no_network "! chroot $M getent hosts deb.debian.org >/dev/null 2>&1"
# the uplink as d-i leaves it: a stanza in /etc/network/interfaces, the default route through it (a
# veth pair: nothing leaves the namespace). The agent is a fake Call that records its argv and the
# interfaces file it was called with, and fails while /tmp/fake-call.fail exists. The real action, which
# also takes the uplink stanza of the installer out and stops the ifupdown client once the gateway
# answered (first boot leaves both to it): root-agent NetnsHostBridgeDhcpTest (this file and client)
ip link add bhup0 type veth peer name bhpeer0 && ip link set bhpeer0 up && ip addr add 192.0.2.10/24 dev bhup0 && ip link set bhup0 up && ip route add default via 192.0.2.1
mkdir -p "$M/etc/network" && printf "%s\n" "source /etc/network/interfaces.d/*" "" "auto lo" "iface lo inet loopback" "" \
  "allow-hotplug bhup0" "iface bhup0 inet dhcp" "# This is an autoconfigured IPv6 interface" "iface bhup0 inet6 auto" > "$M/etc/network/interfaces"
cp "$M/etc/network/interfaces" "$T/interfaces.orig"
printf "%s\n" "#!/bin/sh" "for a; do printf \"[%s]\" \"\$a\"; done >> /tmp/fake-call.argv; echo >> /tmp/fake-call.argv" \
  "cp /etc/network/interfaces /tmp/fake-call.interfaces" \
  "[ -e /tmp/fake-call.fail ] && { echo \"host-bridge-create: the gateway did not answer\" >&2; exit 1; }; echo {}" > "$M/usr/local/sbin/fake-call"
chmod 0755 "$M/usr/local/sbin/fake-call"
# the DHCP client ifupdown started for the uplink, as first boot finds it: a process named dhclient (a
# copy of sleep) with its pid in /run/dhclient.bhup0.pid; the agent, not first boot, stops it
cp /bin/sleep "$T/dhclient"
fake_dhclient() { kill ${ifup_client:-} 2>/dev/null; "$T/dhclient" 600 >/dev/null 2>&1 & echo $! > "$M/run/dhclient.bhup0.pid"; }
alive() { [ -e /proc/$1 ] && [ "$(cut -d " " -f 3 /proc/$1/stat)" != Z ]; }
fake_dhclient; ifup_client=$!
fb_env="BLOCKHOST_FIRSTBOOT_ISSUE_WAIT=150 BLOCKHOST_FIRSTBOOT_CALL=/usr/local/sbin/fake-call"
chroot "$M" env $fb_env /usr/local/sbin/blockhost-firstboot --medium /tmp/medium >"$T/fb.out" 2>&1 &
fb=$!
for i in $(seq 1 240); do [ -e "$S/bridge.done" ] && break; kill -0 $fb 2>/dev/null || break; sleep 1; done
# no route out while the runtime runs (nothing answers there: connections would hang, not fail)
ip route del default
check packages_from_pool "[ -e $S/pool.done ] && [ -e $S/packages.done ] && chroot $M dpkg-query -W blockhost-runtime blockhost-root-agent blockhost-engine-evm blockhost-provisioner-libvirt >/dev/null"
. "$START_BY_HAND"
wait $fb; rc=$?
check firstboot_exit_0 "[ $rc = 0 ]"
check all_steps_done "(for s in pool packages listen login agent bridge services issue; do [ -e $S/\$s.done ] || exit 1; done) && [ -e $S/done ]"
check setup_code_on_console "grep -Eq \"[A-HJKMNP-Z2-9]{6}\" $M/etc/issue.d/blockhost.issue && grep -q https://.*/setup/ $M/etc/issue.d/blockhost.issue"
check login_one_time_password "[ \"\$(stat -c %a $M/etc/issue.d/blockhost-login.issue)\" = 600 ] && grep -q hostadmin $M/etc/issue.d/blockhost-login.issue && [ \"\$(chroot $M getent shadow hostadmin | cut -d: -f3)\" = 0 ] && ! chroot $M getent shadow hostadmin | cut -d: -f2 | grep -qx \"[*]\""
check runtime_listens_on_every_interface "grep -qx \"BLOCKHOST_RUN_ARGS=\\\"--http-host 0.0.0.0\\\"\" $M/etc/default/blockhost-runtime"
check no_policy_rc_d_left "[ ! -e $M/usr/sbin/policy-rc.d ]"
check apt_lists_untouched "! ls $M/var/lib/apt/lists | grep -q _tmp_medium && ls $S/lists | grep -q Packages"
A=$M/var/lib/blockhost/runtime/installer/finalization.json
check bridge_call_argv "[ \"\$(cat $M/tmp/fake-call.argv)\" = \"[host-bridge-create][{\\\"bridge\\\":\\\"br0\\\",\\\"uplink\\\":\\\"bhup0\\\",\\\"addressing\\\":\\\"dhcp\\\"}]\" ]"
# the installer stanza and the ifupdown client are for the agent to retire (one implementation: InstallerStanza)
check stanza_and_dhclient_left_to_the_agent "cmp -s $T/interfaces.orig $M/tmp/fake-call.interfaces && cmp -s $T/interfaces.orig $M/etc/network/interfaces && [ ! -e $S/interfaces.before-bridge ] && alive $ifup_client && [ -e $M/run/dhclient.bhup0.pid ]"
check bridge_recorded_for_wizard "grep -q \"\\\"network.vmBridge\\\":\\\"br0\\\"\" $A && [ \"\$(chroot $M stat -c %U:%a ${A#$M})\" = blockhost:640 ] && chroot $M setpriv --reuid=blockhost --regid=blockhost --init-groups /usr/bin/blockhost setup status >$T/status.out 2>&1 && grep -q network.vm-bridge $T/status.out"
chroot "$M" /usr/local/sbin/blockhost-firstboot --medium /nonexistent >"$T/fb2.out" 2>&1; rc2=$?
check rerun_skips_every_step "[ $rc2 = 0 ] && ! grep -q done $T/fb2.out"
kill "$runtime" "$agent" 2>/dev/null; wait "$runtime" "$agent" 2>/dev/null
# the action fails (the agent rolled back): /etc/network/interfaces is as it was; br0 taken: br1 asked for
rm -f "$S/bridge.done" "$S/done" "$M/tmp/fake-call.argv"
: > "$M/tmp/fake-call.fail"; fake_dhclient; ifup_client=$!; ip link add br0 type veth peer name br0peer; ip route add default via 192.0.2.1
chroot "$M" env $fb_env /usr/local/sbin/blockhost-firstboot --medium /nonexistent >"$T/fb3.out" 2>&1; rc3=$?
check failed_bridge_restores_interfaces "[ $rc3 = 0 ] && grep -q br1 $M/tmp/fake-call.argv && cmp -s $T/interfaces.orig $M/tmp/fake-call.interfaces && cmp -s $T/interfaces.orig $M/etc/network/interfaces && grep -q \"VM bridge not created\" $T/fb3.out"
check failed_bridge_keeps_ifupdown_dhclient "alive $ifup_client && [ -e $M/run/dhclient.bhup0.pid ]"
# a static uplink stanza: the bridge takes the addresses of the uplink as they are (no "addressing")
rm -f "$S/bridge.done" "$S/done" "$M/tmp/fake-call.argv" "$M/tmp/fake-call.fail"
printf "%s\n" "auto lo" "iface lo inet loopback" "" "auto bhup0" "iface bhup0 inet static" "    address 192.0.2.10/24" \
  "    gateway 192.0.2.1" > "$M/etc/network/interfaces"
chroot "$M" env $fb_env /usr/local/sbin/blockhost-firstboot --medium /nonexistent >"$T/fb5.out" 2>&1; rc5=$?
check static_uplink_bridge_argv "[ $rc5 = 0 ] && [ \"\$(cat $M/tmp/fake-call.argv)\" = \"[host-bridge-create][{\\\"bridge\\\":\\\"br1\\\",\\\"uplink\\\":\\\"bhup0\\\"}]\" ] && alive $ifup_client"
cp "$T/interfaces.orig" "$M/etc/network/interfaces"
# turned off by the operator: no call at all
rm -f "$S/bridge.done" "$S/done" "$M/tmp/fake-call.argv"; echo BLOCKHOST_VM_BRIDGE=no > "$M/etc/default/blockhost-firstboot"
chroot "$M" env $fb_env /usr/local/sbin/blockhost-firstboot --medium /nonexistent >"$T/fb4.out" 2>&1; rc4=$?
check bridge_turned_off "[ $rc4 = 0 ] && [ ! -e $M/tmp/fake-call.argv ] && [ -e $S/bridge.done ] && cmp -s $T/interfaces.orig $M/etc/network/interfaces"
kill "$ifup_client" 2>/dev/null
for f in fb.out agent.log runtime.log fb2.out status.out fb3.out fb5.out fb4.out; do [ -s "$T/$f" ] && { echo "--- $f"; tail -n 15 "$T/$f"; }; done
[ -s "$M/var/log/blockhost-firstboot.log" ] && { echo "--- firstboot log"; tail -n 20 "$M/var/log/blockhost-firstboot.log"; }
umount -R "$M" 2>/dev/null; umount -l "$T"
' sh "$T" "$1" "$2" "$3" "$4"
