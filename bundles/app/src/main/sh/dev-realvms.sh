# shellcheck shell=bash
# `blockhost dev --real-vms`: real QEMU (TCG) guests through a local libvirtd. Sourced by dev.sh.

# Starts virtlogd and libvirtd when they are not running (stopped on exit only if started here).
realvms_start_libvirtd() {
  apt_install libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils genisoimage \
    debootstrap dosfstools mtools syslinux syslinux-common fdisk
  realvms_qemu_runs_as_root
  if ! pgrep -x virtlogd >/dev/null; then realvms_daemon virtlogd; fi
  if ! realvms_libvirtd_up; then realvms_daemon libvirtd; fi
  dev_await 60 "libvirtd answering on qemu:///system" realvms_libvirtd_up
}

realvms_libvirtd_up() { virsh -q -c qemu:///system uri >/dev/null 2>&1; }

realvms_daemon() {
  "$1" >>"$DEV_HOME/logs/$1.log" 2>&1 </dev/null &
  DEV_STARTED_DAEMONS+=("$1:$!")
  info "started $1 (pid $!, log $DEV_HOME/logs/$1.log)"
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
# the in-process root agent keeps templates, so a template built elsewhere is reused. Guests get
# pam_web3 (a local package of the template) and its login settings.
realvms_provisioner_cfg() {
  local agent=$1 dir="${BLOCKHOST_TEMPLATE_DIR:-$DEV_HOME/templates}" link deb port=$DEV_HTTP_PORT
  link="$agent/var/lib/blockhost/templates"
  mkdir -p "$dir" "$agent/var/lib/blockhost"
  [ -L "$link" ] || [ ! -e "$link" ] || die "dev --real-vms: $link exists and is not a link (use --reset)"
  ln -sfn "$(cd "$dir" && pwd)" "$link"
  deb="$(realvms_pam_deb "$dir")"
  [ "$port" = 0 ] && port=8300
  # one array value makes FileInstall read the file in its typed format: every value quoted
  dev_cfg org.blockhost.provisioner.libvirt 'uri="qemu:///system"' "vmDir=\"$agent/var/lib/blockhost/vms\"" \
    "templateDir=\"$link\"" 'virtType="qemu"' 'loopbackSshPortBase="22000"' 'network=""' \
    'hostReservedMemoryMib="512"' "templateLocalPackages=[\"$deb\"]" 'loginHost="localhost"' \
    "loginChainId=\"$DEV_CHAIN_ID\"" "signingUrl=\"http://localhost:$port/sign\""
}

# The pam_web3 Debian package (`make -C pam deb`: built when missing or stale) copied into
# <templateDir>/packages/; prints its file name.
realvms_pam_deb() {
  local deb
  apt_install make gcc libpam0g-dev libsecp256k1-dev
  make -s -C "$ROOT/pam" deb >&2 || die "building the pam_web3 package failed (make -C pam deb)"
  deb="$(ls -t "$ROOT"/pam/build/libpam-web3_*.deb | head -n1)"
  mkdir -p "$1/packages"
  cmp -s "$deb" "$1/packages/${deb##*/}" || cp "$deb" "$1/packages/${deb##*/}"
  echo "${deb##*/}"
}

# Builds (or reuses) the real template before setup: in dev mode the libvirt.template step would
# otherwise put a blank placeholder image in its place.
realvms_template() {
  info "building or reusing the VM template (a cold build takes several minutes)"
  dev_cli template build >>"$DEV_HOME/logs/setup.log" 2>&1 || dev_fail "template build failed (see $DEV_HOME/logs/setup.log)"
}
