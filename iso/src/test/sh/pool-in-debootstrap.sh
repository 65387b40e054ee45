#!/bin/sh
# Installs the four packages into a bare Debian 12 (debootstrap minbase, from the mirror) with the
# ISO's pool as the only apt source and no network (new network namespace): shows that the pool
# holds every dependency. Prints "PASS: name" / "FAIL: name". Needs root and the Debian mirror for
# debootstrap (~35 s idle, ~3 min on a loaded machine; the install ~1 min).
# Usage: pool-in-debootstrap.sh POOL
set -eu
[ "$(id -u)" = 0 ] || { echo "FAIL: needs root"; exit 1; }
POOL=$1
T=$(mktemp -d /tmp/bh-debootstrap.XXXXXX)
trap 'rm -rf --one-file-system "$T"' EXIT
check() { if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
check debootstrap "debootstrap --variant=minbase bookworm $T/root https://deb.debian.org/debian >$T/debootstrap.log 2>&1"
unshare -m -n --propagation private sh -u -c '
M=$1/root POOL=$2
check() { if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
mount -t proc proc "$M/proc"; mount --rbind /dev "$M/dev"; mkdir -p "$M/pool" && mount --bind -o ro "$POOL" "$M/pool"
echo "deb [trusted=yes] file:/pool ./" > "$M/etc/apt/sources.list"
printf "#!/bin/sh\nexit 101\n" > "$M/usr/sbin/policy-rc.d" && chmod 0755 "$M/usr/sbin/policy-rc.d"
check install_offline_from_pool "chroot $M apt-get -q -o Acquire::Languages=none update >$1/apt.log 2>&1 && chroot $M env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends install blockhost-runtime blockhost-root-agent blockhost-engine-evm blockhost-provisioner-libvirt >>$1/apt.log 2>&1"
check installed "chroot $M dpkg-query -W blockhost-runtime blockhost-root-agent blockhost-engine-evm blockhost-provisioner-libvirt >/dev/null"
check layout "[ \"\$(chroot $M stat -c %U:%G:%a /var/lib/blockhost /var/lib/blockhost/runtime /etc/blockhost/keys /var/lib/blockhost/vms | tr \"\\n\" \" \")\" = \"root:root:755 blockhost:blockhost:750 root:blockhost:750 root:blockhost:750 \" ]"
tail -n 5 "$1/apt.log"
umount -R "$M/dev"; umount "$M/proc" "$M/pool"
' sh "$T" "$POOL"
