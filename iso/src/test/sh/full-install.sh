#!/bin/sh
# The full unattended install (opt-in, slow; see iso/README.md): QEMU (TCG, user networking) boots the
# ISO with a blank disk, `install-serial` is typed at the ISOLINUX prompt, d-i installs Debian from the
# mirror the preseed names; then the disk boots with the ISO still in the drive, first boot installs
# BlockHost from the ISO's pool and the setup code appears on the serial console; the wizard must
# answer on HTTPS from this host (hostfwd 127.0.0.1:PORT -> guest 8443) with the certificate whose
# fingerprint the console shows; then an ACPI power-off, a second boot: the services come up again
# without first boot and the wizard answers again.
# No libvirt, no bh-build slot: run it `nice`d; each phase has its own `timeout`.
# Prints "PASS: name" / "FAIL: name" and the time of each phase; logs stay in WORK.
# Usage: full-install.sh ISO WORK [HTTPS_PORT]   (env: BH_INSTALL_MIN (default 150), BH_BOOT_MIN (30), BH_SMP (2), BH_QEMU_NICE (19),
#   BH_PHASES: "install boot" (default), "install" (stop after d-i: WORK/installed.qcow2), "boot" (boot a
#   copy-on-write overlay of an earlier WORK/installed.qcow2 with ISO in the drive), "reboot" (only the
#   second boot, of WORK/disk.qcow2 as an earlier first boot left it), "debootstrap boot":
#   instead of d-i, the system the preseed leaves built with debootstrap (see stand_in), booted directly;
#   "debootstrap boot finalize": also the wizard and finalization after first boot, and the second boot
#   must come up as a live host (live-host.sh; BH_TEMPLATE_MIN (150): the template build's time, as the operator
#   of a slow host raises it; BH_FINALIZE_MIN (that + 30)); "wizard reboot finalize": a disk
#   whose finalization stopped booted again, the wizard finished in it, then the live host checked)
set -u
ISO=$(readlink -f "$1") W=$2 PORT=${3:-18443}
PHASES=${BH_PHASES:-install boot} INSTALL_MIN=${BH_INSTALL_MIN:-150} BOOT_MIN=${BH_BOOT_MIN:-30} SMP=${BH_SMP:-2} QEMU_NICE=${BH_QEMU_NICE:-19}
mkdir -p "$W" && W=$(readlink -f "$W")
fails=0
case " $PHASES " in *" finalize "*) . "$(dirname "$0")/live-host.sh" ;; esac
check() { if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fails=$((fails + 1)); fi; }
stamp() { echo "$(date -u +%H:%M:%S) $*"; }
# the console without terminal escapes and carriage returns (d-i and agetty move the cursor)
plain() { sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b[()][0-9A-Za-z]//g; s/\r//g' "$1"; }

# wait_for LOG REGEX MINUTES PID: until the console shows REGEX (0), QEMU ends (1) or time is up (2)
wait_for() {
  i=0
  while ! plain "$1" | grep -Eq "$2"; do
    kill -0 "$4" 2>/dev/null || return 1
    i=$((i + 1)); [ "$i" -le $(($3 * 12)) ] || return 2
    sleep 5
  done
}

# qemu LOG PHASE_MINUTES ARGS...: QEMU in the background (PID in $qpid), serial console appended to LOG,
# its input and the monitor's through FIFOs ($W/ser.in, $W/mon.in)
qemu() {
  log=$1 min=$2; shift 2
  rm -f "$W"/ser.in "$W"/ser.out "$W"/mon.in "$W"/mon.out
  mkfifo "$W/ser.in" "$W/ser.out" "$W/mon.in" "$W/mon.out"
  cat "$W/ser.out" >>"$log" &
  cat "$W/mon.out" >>"$W/monitor.log" &
  timeout "${min}m" nice -n "$QEMU_NICE" qemu-system-x86_64 -accel tcg -smp "$SMP" -m 2048 -display none -vga none \
    -chardev pipe,id=ser,path="$W/ser" -serial chardev:ser -chardev pipe,id=mon,path="$W/mon" -mon chardev=mon \
    -drive file="$disk",if=virtio,format=qcow2 -cdrom "$ISO" \
    -netdev user,id=n0,hostfwd=tcp:127.0.0.1:"$PORT"-:8443"${NETDEV_EXTRA:-}" -device virtio-net-pci,netdev=n0 "$@" &
  qpid=$!
  exec 3<>"$W/ser.in" 4<>"$W/mon.in"
}

# boot_and_check NAME LOG: waits for the setup code on the console, then HTTPS from here
boot_and_check() {
  wait_for "$2" 'BlockHost setup: open https://[^ ]*/setup/ in a browser and enter the setup code [A-HJKMNP-Z2-9]{6}' "$BOOT_MIN" "$qpid"
  check "${1}_setup_code_on_console" "[ $? = 0 ]"
  stamp "$1: setup code on the console"
  fp=$(plain "$2" | grep -A1 'Certificate SHA-256 fingerprint' | grep -Eo '[0-9A-F]{2}(:[0-9A-F]{2}){31}' | tail -n1)
  # the URL on the console, as a browser on the LAN sends it (Host header included), through hostfwd;
  # without a session it redirects (303) to the setup code form
  url=$(plain "$2" | grep -Eo 'open https://[^ ]*/setup/' | tail -n1 | cut -c6-)
  hp=$(echo "$url" | sed -E 's|https://([^/]*)/.*|\1|')
  case "$hp" in *:*) ;; *) hp=$hp:443 ;; esac
  code=000
  for _ in $(seq 1 30); do
    code=$(curl -skL -o "$W/setup.html" -w '%{http_code}' --max-time 20 --connect-to "$hp:127.0.0.1:$PORT" "$url") && [ "$code" = 200 ] && break
    sleep 5
  done
  check "${1}_wizard_answers_https_from_the_host" "[ $code = 200 ] && grep -qi 'setup code' $W/setup.html"
  stamp "$1: $url answered $code"
  served=$(echo | openssl s_client -connect "127.0.0.1:$PORT" 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2)
  check "${1}_certificate_is_the_one_on_the_console" "[ -n '$fp' ] && [ '$served' = '$fp' ]"
}

# The stand-in for d-i (BH_PHASES="debootstrap boot") where d-i cannot run: its udebs do not come
# through this machine's egress proxy (HTTP 404). The system the preseed leaves, minus LVM and GRUB:
# Debian 12 with systemd, DHCP on the NIC, host name, user "hostadmin" without a usable password in
# sudo, and what late_command does; the disk's kernel is booted directly.
stand_in() {
  R=$W/rootfs
  rm -rf "$R" "$W/installed.qcow2" "$W/root.raw"
  debootstrap --variant=minbase --include=systemd-sysv,udev,kmod,ifupdown,isc-dhcp-client,iproute2,procps,linux-image-amd64,sudo,ca-certificates \
    bookworm "$R" http://deb.debian.org/debian >"$W/debootstrap.log" 2>&1 || { tail -n 5 "$W/debootstrap.log"; return 1; }
  echo blockhost >"$R/etc/hostname"
  # as d-i's netcfg writes it: without the host name here every sudo waits for DNS ("unable to resolve host")
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tblockhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
  echo '/dev/vda / ext4 defaults 0 1' >"$R/etc/fstab"
  printf 'auto lo\niface lo inet loopback\nallow-hotplug ens2\niface ens2 inet dhcp\n' >"$R/etc/network/interfaces"
  chroot "$R" useradd -m -U -s /bin/bash -p '*' -G sudo hostadmin
  # late_command, with the files the ISO's initrd carries (build-iso.sh copies them from here)
  fb=$(dirname "$0")/../../main/firstboot
  install -m 0755 "$fb/blockhost-firstboot" "$R/usr/local/sbin/blockhost-firstboot"
  install -m 0644 "$fb/blockhost-firstboot.service" "$R/etc/systemd/system/blockhost-firstboot.service"
  chroot "$R" systemctl enable blockhost-firstboot.service
  probe "$R"
  case " $PHASES " in *" finalize "*) install_ca "$R" || return 1 ;; esac
  cp "$R"/boot/vmlinuz-* "$W/vmlinuz" && cp "$R"/boot/initrd.img-* "$W/initrd.img"
  # debootstrap can leave the chroot's /proc mounted (seen here): mkfs.ext4 -d would then fail on its files
  for m in proc sys dev/pts; do if mountpoint -q "$R/$m"; then umount -l "$R/$m"; fi; done
  # 20G like the blank disk d-i installs to: the wizard's Storage page wants room for the template and a plan's disk
  # (an 8G stand-in had 6.0 GiB free and was refused, correctly: 12.0 GiB needed)
  truncate -s 20G "$W/root.raw" && mkfs.ext4 -q -d "$R" "$W/root.raw" \
    && qemu-img convert -O qcow2 "$W/root.raw" "$W/installed.qcow2" && rm -rf "$W/root.raw" "$R"
}

# a test probe in the stand-in (not in the product): every 20 s the IPv4 addresses (with "dynamic" for a
# lease), the default route and the running DHCP clients on the console, as "bh-probe: ..." lines
probe() {
  cat >"$1/usr/local/sbin/bh-probe" <<'PROBE'
#!/bin/sh
while :; do
  a=$(ip -4 -o addr show scope global | awk '{ d = ""; for (i = 5; i <= NF; i++) if ($i == "dynamic") d = ",dynamic"; printf "%s=%s%s ", $2, $4, d }')
  echo "bh-probe: addr ${a:-none} route $(ip -4 route show default | head -n 1 | tr ' ' _) dhclient $(ps -C dhclient -o args= | awk '{ print $NF }' | tr '\n' ,)"
  sleep 20
done
PROBE
  chmod 0755 "$1/usr/local/sbin/bh-probe"
  printf '[Unit]\nDescription=full-install.sh probe\nAfter=network.target\n[Service]\nExecStart=/usr/local/sbin/bh-probe\nStandardOutput=journal+console\n[Install]\nWantedBy=multi-user.target\n' \
    >"$1/etc/systemd/system/bh-probe.service"
  chroot "$1" systemctl enable bh-probe.service
}

# bridge_checks NAME LOG: the VM bridge as the probe saw it last: br0 holds the uplink's first address as a
# lease of its own, the default route goes through it, the uplink has no address; a DHCP client runs for br0
bridge_checks() {
  wait_for "$2" 'bh-probe: addr [^ ]*br0=' 2 "$qpid"
  last=$(plain "$2" | grep -o 'bh-probe: .*' | tail -n 1)
  first=$(plain "$W/firstboot.log" | grep -o 'bh-probe: addr ens2=[0-9./]*' | head -n 1 | sed 's/.*ens2=//')
  stamp "$1: before the bridge ens2=$first; now $last"
  check "${1}_br0_leased_the_uplinks_address" "[ -n '$first' ] && echo '$last' | grep -q 'br0=$first,dynamic '"
  check "${1}_default_route_through_br0" "echo '$last' | grep -q 'route default_via_[0-9.]*_dev_br0'"
  check "${1}_uplink_without_address" "! echo '$last' | grep -q 'ens2='"
  check "${1}_dhclient_for_br0" "echo '$last' | grep -q 'dhclient .*br0'"
}

# ACPI power button; a guest that ignores it (the stand-in has no logind/acpid) gets the power cut
stop_qemu() {
  echo system_powerdown >&4
  for _ in $(seq 1 90); do kill -0 "$qpid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$qpid" 2>/dev/null; then stamp "no power-off after 90 s: power cut"; echo quit >&4; sleep 2; kill "$qpid" 2>/dev/null; fi
  wait "$qpid" 2>/dev/null
  exec 3>&- 4>&-
}

t0=$(date +%s) t1=$t0
case " $PHASES " in *" install "*)
rm -f "$W"/*.log "$W/installed.qcow2" "$W/vmlinuz" "$W/initrd.img"
disk=$W/installed.qcow2
qemu-img create -q -f qcow2 "$disk" 20G
stamp "install: QEMU boots the ISO (serial log $W/install.log)"
qemu "$W/install.log" "$INSTALL_MIN" -boot d -no-reboot
wait_for "$W/install.log" 'boot:' 2 "$qpid"
printf 'install-serial\r' >&3
wait_for "$W/install.log" 'BlockHost: preseed loaded' 15 "$qpid"
check preseed_loaded "[ $? = 0 ]"
wait "$qpid"; rc=$?
exec 3>&- 4>&-
t1=$(date +%s)
stamp "install: QEMU ended ($rc) after $(((t1 - t0) / 60)) min"
check install_ends_with_reboot "[ $rc = 0 ] && ! plain $W/install.log | grep -q '\[!!\]'"
;; esac
case " $PHASES " in *" debootstrap "*)
rm -f "$W"/*.log "$W/vmlinuz" "$W/initrd.img"
stamp "stand-in for d-i: debootstrap (log $W/debootstrap.log)"
case " $PHASES " in *" finalize "*) make_ca || { echo "FAIL: test CA"; exit 1; } ;; esac
stand_in; check stand_in_built "[ $? = 0 ]"
t1=$(date +%s)
stamp "stand-in: $(((t1 - t0) / 60)) min"
;; esac
case " $PHASES " in *" boot "*|*" reboot "*) ;; *) exit "$fails" ;; esac
# boot LOG: the installed disk (the stand-in's kernel directly: no boot loader on its disk)
boot() {
  if [ -f "$W/vmlinuz" ]; then
    qemu "$1" "$BOOT_MIN" -kernel "$W/vmlinuz" -initrd "$W/initrd.img" -append "root=/dev/vda rw console=ttyS0,115200n8"
  else
    qemu "$1" "$BOOT_MIN" -boot c
  fi
}

disk=$W/disk.qcow2 t2=$t1
case " $PHASES " in *" boot "*)
# the installed disk stays as it is: the boots write to an overlay
rm -f "$W/firstboot.log" "$W/reboot.log" "$disk"
qemu-img create -q -f qcow2 -b "$W/installed.qcow2" -F qcow2 "$disk"

case " $PHASES " in *" finalize "*) start_chain; deploy_stablecoin ;; esac
stamp "first boot (serial log $W/firstboot.log)"
boot "$W/firstboot.log"
boot_and_check firstboot "$W/firstboot.log"
t2=$(date +%s) tf=$(date +%s)
stamp "first boot: $(((t2 - t1) / 60)) min to the setup code and HTTPS"
check firstboot_finished "plain $W/firstboot.log | grep -q 'blockhost-firstboot: setup code on the console'"
check firstboot_bridge_created "plain $W/firstboot.log | grep -q 'blockhost-firstboot: VM bridge br0 created with ens2 as its port (DHCP)'"
bridge_checks firstboot "$W/firstboot.log"
case " $PHASES " in *" finalize "*)
  stamp "wizard over HTTPS (pages in $W/page-*.html)"
  wizard "$W/firstboot.log"
  stamp "finalization"
  finalization "$W/firstboot.log"
  t2=$(date +%s)
  stamp "wizard and finalization: $(((t2 - tf) / 60)) min"
  # the guest may ignore the ACPI power button (a power cut then): let its page cache reach the disk
  sleep 40
  ;;
esac
stop_qemu
;; esac

case " $PHASES " in *" wizard "*)
  # finalize: a disk whose setup stopped (e.g. a failed step) booted again, the wizard finished in it
  start_chain
  rm -f "$W/wizard.log"
  stamp "wizard boot (serial log $W/wizard.log)"
  tf=$(date +%s)
  wizard_boot "$W/wizard.log"
  t2=$(date +%s)
  stamp "wizard boot: $(((t2 - tf) / 60)) min to the end of finalization"
  sleep 40
  stop_qemu
  ;;
esac
rm -f "$W/reboot.log"
case " $PHASES " in *" finalize "*) [ -n "${ANVIL_PID:-}" ] || start_chain ;; esac
stamp "second boot (serial log $W/reboot.log)"
boot "$W/reboot.log"
case " $PHASES " in
  *" finalize "*)
    [ -n "${hp:-}" ] || hp=$(plain "$W/firstboot.log" | grep -Eo 'open https://[^ /]*/setup/' | tail -n 1 | sed -E 's|open https://([^/]*)/.*|\1|')
    live_checks "$W/reboot.log" ;;
  *) boot_and_check reboot "$W/reboot.log" ;;
esac
t3=$(date +%s)
check reboot_skips_first_boot "! plain $W/reboot.log | grep -q 'blockhost-firstboot: '"
bridge_checks reboot "$W/reboot.log"
stamp "second boot: $(((t3 - t2) / 60)) min to the setup code and HTTPS (or, with finalize, the live host)"
stop_qemu
case " $PHASES " in *" finalize "*) stop_chain ;; esac
echo "install $(((t1 - t0) / 60)) min, first boot $(((t2 - t1) / 60)) min, second boot $(((t3 - t2) / 60)) min; $fails failed"
[ "$fails" = 0 ]
