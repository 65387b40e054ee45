# shellcheck shell=bash
# `blockhost dev --real-vms`: real QEMU (TCG) guests through a local libvirtd. Sourced by dev.sh.

# Starts virtlogd and libvirtd when they are not running (stopped on exit only if started here).
realvms_start_libvirtd() {
  apt_install libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils genisoimage \
    debootstrap dosfstools mtools syslinux syslinux-common fdisk
  realvms_qemu_runs_as_root
  local d
  for d in virtlogd libvirtd; do
    pgrep -x "$d" >/dev/null && continue
    "$d" >>"$DEV_HOME/logs/$d.log" 2>&1 </dev/null &
    DEV_STARTED_DAEMONS+=("$d:$!")
    info "started $d (pid $!)"
  done
  dev_await 60 "libvirtd answering on qemu:///system" virsh -q -c qemu:///system uri
}

# qemu.conf user/group root (otherwise every define re-probes QEMU for ~40 s; ENVIRONMENT.md).
realvms_qemu_runs_as_root() {
  local conf=/etc/libvirt/qemu.conf
  grep -Eq '^\s*(user|group)\s*=' "$conf" 2>/dev/null && return 0
  printf 'user = "root"\ngroup = "root"\n' >>"$conf"
  info "set user/group root in $conf"
}

realvms_stop_daemons() {
  local i entry
  for ((i = ${#DEV_STARTED_DAEMONS[@]} - 1; i >= 0; i--)); do
    entry=${DEV_STARTED_DAEMONS[$i]}
    dev_stop "${entry%%:*}" "${entry#*:}"
  done
  DEV_STARTED_DAEMONS=()
}

# The template directory (env BLOCKHOST_TEMPLATE_DIR, default <home>/templates) is linked where
# the in-process root agent keeps templates, so a template built elsewhere is reused.
realvms_provisioner_cfg() {
  local agent=$1 dir="${BLOCKHOST_TEMPLATE_DIR:-$DEV_HOME/templates}" link
  link="$agent/var/lib/blockhost/templates"
  mkdir -p "$dir" "$agent/var/lib/blockhost"
  [ -L "$link" ] || [ ! -e "$link" ] || die "dev --real-vms: $link exists and is not a link (use --reset)"
  ln -sfn "$(cd "$dir" && pwd)" "$link"
  dev_cfg org.blockhost.provisioner.libvirt uri=qemu:///system "vmDir=$agent/var/lib/blockhost/vms" \
    "templateDir=$link" virtType=qemu loopbackSshPortBase=22000 network= hostReservedMemoryMib=512
}

# Builds (or reuses) the real template before setup: in dev mode the libvirt.template step would
# otherwise put a blank placeholder image in its place.
realvms_template() {
  info "building or reusing the VM template (a cold build takes several minutes)"
  dev_cli template build >>"$DEV_HOME/logs/setup.log" 2>&1 || dev_fail "template build failed (see $DEV_HOME/logs/setup.log)"
}
