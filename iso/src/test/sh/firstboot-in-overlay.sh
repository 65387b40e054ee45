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
mount --rbind /dev "$M/dev"; mount -t proc proc "$M/proc"; mount -t tmpfs tmpfs "$M/run"; mount -t tmpfs tmpfs "$M/tmp"
mkdir -p "$M/tmp/medium/pool" && mount --bind -o ro "$POOL" "$M/tmp/medium/pool"
cp "$FB" "$M/usr/local/sbin/blockhost-firstboot" && chmod 0755 "$M/usr/local/sbin/blockhost-firstboot"
# a fresh install has no policy-rc.d (this host, a container, may have one); first boot puts its own and removes it
rm -f "$M/usr/sbin/policy-rc.d"
# what the preseed leaves: "hostadmin" (own group, in sudo) without a usable password
chroot "$M" useradd -m -U -p "*" -G sudo hostadmin
check no_network "! chroot $M getent hosts deb.debian.org >/dev/null 2>&1"
chroot "$M" env BLOCKHOST_FIRSTBOOT_ISSUE_WAIT=150 /usr/local/sbin/blockhost-firstboot --medium /tmp/medium >"$T/fb.out" 2>&1 &
fb=$!
for i in $(seq 1 240); do [ -e "$S/packages.done" ] && break; kill -0 $fb 2>/dev/null || break; sleep 1; done
check packages_from_pool "[ -e $S/pool.done ] && [ -e $S/packages.done ] && chroot $M dpkg-query -W blockhost-runtime blockhost-root-agent blockhost-engine-evm blockhost-provisioner-libvirt >/dev/null"
. "$START_BY_HAND"
wait $fb; rc=$?
check firstboot_exit_0 "[ $rc = 0 ]"
check all_steps_done "(for s in pool packages listen login services issue; do [ -e $S/\$s.done ] || exit 1; done) && [ -e $S/done ]"
check setup_code_on_console "grep -Eq \"[A-HJKMNP-Z2-9]{6}\" $M/etc/issue.d/blockhost.issue && grep -q https://.*/setup/ $M/etc/issue.d/blockhost.issue"
check login_one_time_password "[ \"\$(stat -c %a $M/etc/issue.d/blockhost-login.issue)\" = 600 ] && grep -q hostadmin $M/etc/issue.d/blockhost-login.issue && [ \"\$(chroot $M getent shadow hostadmin | cut -d: -f3)\" = 0 ] && ! chroot $M getent shadow hostadmin | cut -d: -f2 | grep -qx \"[*]\""
check runtime_listens_on_every_interface "grep -qx \"BLOCKHOST_RUN_ARGS=\\\"--http-host 0.0.0.0\\\"\" $M/etc/default/blockhost-runtime"
check no_policy_rc_d_left "[ ! -e $M/usr/sbin/policy-rc.d ]"
check apt_lists_untouched "! ls $M/var/lib/apt/lists | grep -q _tmp_medium && ls $S/lists | grep -q Packages"
chroot "$M" /usr/local/sbin/blockhost-firstboot --medium /nonexistent >"$T/fb2.out" 2>&1; rc2=$?
check rerun_skips_every_step "[ $rc2 = 0 ] && ! grep -q done $T/fb2.out"
kill "$runtime" "$agent" 2>/dev/null; wait "$runtime" "$agent" 2>/dev/null
for f in fb.out agent.log runtime.log fb2.out; do [ -s "$T/$f" ] && { echo "--- $f"; tail -n 15 "$T/$f"; }; done
[ -s "$M/var/log/blockhost-firstboot.log" ] && { echo "--- firstboot log"; tail -n 20 "$M/var/log/blockhost-firstboot.log"; }
umount -R "$M" 2>/dev/null; umount -l "$T"
' sh "$T" "$1" "$2" "$3" "$4"
