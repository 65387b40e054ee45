# shellcheck shell=bash
# `blockhost dev --real-vms`: real QEMU (TCG) guests through a local libvirtd. Sourced by dev.sh.

# Starts virtlogd and libvirtd when they are not running (stopped on exit only if started here).
realvms_start_libvirtd() {
  # dnsmasq-base: the libvirt network's DHCP (only a Recommends of libvirt, which apt_install skips); nftables:
  # the root agent's port forwards
  apt_install libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils genisoimage \
    debootstrap dosfstools mtools syslinux syslinux-common fdisk dnsmasq-base nftables
  realvms_qemu_runs_as_root
  if ! pgrep -x virtlogd >/dev/null; then realvms_daemon virtlogd; fi
  if ! realvms_libvirtd_up; then realvms_daemon libvirtd; fi
  dev_await 60 "libvirtd answering on qemu:///system" realvms_libvirtd_up
  realvms_network
}

# Guests run in the provisioner's port-forward mode (single public address): a private network
# without NAT or libvirt firewall rules (<forward mode='open'/>), a pool address per VM, and the
# in-process root agent's nftables forward from <public host>:22000+N to the VM's port 22.
REALVMS_NET=blockhost-dev REALVMS_NET_POOL=10.231.0.0/24 REALVMS_NET_GATEWAY=10.231.0.1 REALVMS_NET_CREATED=0

realvms_network() {
  virsh -q -c qemu:///system net-info "$REALVMS_NET" 2>/dev/null | grep -Eq '^Active: +yes' && return 0
  virsh -q -c qemu:///system net-create /dev/stdin >/dev/null <<XML || die "dev --real-vms: cannot create the libvirt network $REALVMS_NET"
<network><name>$REALVMS_NET</name><forward mode='open'/><bridge name='bhdev0' stp='off'/>
<ip address='$REALVMS_NET_GATEWAY' netmask='255.255.255.0'/></network>
XML
  REALVMS_NET_CREATED=1
  info "created the libvirt network $REALVMS_NET ($REALVMS_NET_POOL, no NAT)"
}

# The address buyers connect to (the NFT's host): the host's source address towards the default
# route, else the private network's gateway. Never loopback: the forward does not apply there.
realvms_public_host() {
  local src
  src="$(ip -4 -o route get 198.51.100.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')" || src=""
  echo "${src:-$REALVMS_NET_GATEWAY}"
}

realvms_libvirtd_up() { virsh -q -c qemu:///system uri >/dev/null 2>&1; }

realvms_daemon() {
  "$1" >>"$DEV_HOME/logs/$1.log" 2>&1 </dev/null &
  DEV_STARTED_DAEMONS+=("$1:$!")
  info "started $1 (pid $!, log $DEV_HOME/logs/$1.log)"
}

REALVMS_QEMU_CONF=/etc/libvirt/qemu.conf
REALVMS_QEMU_MARK="# added by blockhost dev --real-vms, removed again when it stops"
REALVMS_QEMU_ADDED=0 REALVMS_TEMPLATE_MOUNT=""

# qemu.conf user/group root while dev runs (otherwise every define re-probes QEMU for ~40 s;
# ENVIRONMENT.md): only when unset, marked, and removed again on exit (also lines a killed run left).
realvms_qemu_runs_as_root() {
  local conf=$REALVMS_QEMU_CONF
  if grep -qxF "$REALVMS_QEMU_MARK" "$conf" 2>/dev/null; then REALVMS_QEMU_ADDED=1; return 0; fi
  grep -Eq '^\s*(user|group)\s*=' "$conf" 2>/dev/null && return 0
  printf '%s\nuser = "root"\ngroup = "root"\n' "$REALVMS_QEMU_MARK" >>"$conf"
  REALVMS_QEMU_ADDED=1
  info "set user/group root in $conf until dev stops"
}

# Removes exactly the marked lines this script added; the rest of qemu.conf is kept as it is.
realvms_qemu_conf_revert() {
  local conf=$REALVMS_QEMU_CONF tmp
  [ "$REALVMS_QEMU_ADDED" = 1 ] || return 0
  tmp="$(mktemp "$conf.XXXXXX")" || return 0
  if awk -v m="$REALVMS_QEMU_MARK" '$0 == m { n = 2; next }
      n > 0 && ($0 == "user = \"root\"" || $0 == "group = \"root\"") { n--; next } { n = 0; print }' \
      "$conf" >"$tmp" && chmod --reference="$conf" "$tmp" && mv -f "$tmp" "$conf"; then
    info "removed user/group root from $conf"
  else
    rm -f "$tmp"
  fi
  REALVMS_QEMU_ADDED=0
}

realvms_stop_daemons() {
  local i entry
  if [ "$REALVMS_NET_CREATED" = 1 ]; then virsh -q -c qemu:///system net-destroy "$REALVMS_NET" >/dev/null 2>&1 || true; fi
  REALVMS_NET_CREATED=0
  for ((i = ${#DEV_STARTED_DAEMONS[@]} - 1; i >= 0; i--)); do
    entry=${DEV_STARTED_DAEMONS[$i]}
    dev_stop "${entry%%:*}" "${entry#*:}"
  done
  DEV_STARTED_DAEMONS=()
  realvms_qemu_conf_revert
  if [ -n "$REALVMS_TEMPLATE_MOUNT" ]; then realvms_unmount_templates "$REALVMS_TEMPLATE_MOUNT"; fi
  REALVMS_TEMPLATE_MOUNT=""
}

# The root agent refuses symlinked directories, so the shared template directory is bind-mounted
# (not linked) into the agent's tree while dev runs.
# Recursive, and lazy when busy: a template build cut off mid-way leaves its chroot's /proc mounted inside (seen
# here), and a mount left in the dev home makes whoever deletes the home walk into the shared template cache.
realvms_unmount_templates() {
  mountpoint -q "$1" 2>/dev/null || return 0
  if umount -R "$1" 2>/dev/null || umount -R -l "$1"; then info "unmounted the template directory from $1"; fi
}

# The template directory (env BLOCKHOST_TEMPLATE_DIR, default <home>/templates) is bind-mounted where
# the in-process root agent keeps templates, so a template built elsewhere is reused. Guests get
# pam_web3 (a local package of the template) and its login settings; their sign-in domain is the
# public host (core's publicHost), as setup makes it, so /sign accepts the guests' login messages.
realvms_provisioner_cfg() {
  local agent=$1 dir="${BLOCKHOST_TEMPLATE_DIR:-$DEV_HOME/templates}" link deb port=$DEV_HTTP_PORT
  link="$agent/var/lib/blockhost/templates"
  mkdir -p "$dir" "$agent/var/lib/blockhost"
  if [ -L "$link" ]; then rm -f "$link"; fi # the link of earlier versions
  mkdir -p "$link"
  if ! mountpoint -q "$link"; then
    [ -z "$(ls -A "$link")" ] || die "dev --real-vms: $link is not empty (use --reset)"
    mount --bind "$(cd "$dir" && pwd -P)" "$link" || die "dev --real-vms: cannot bind-mount $dir on $link"
  fi
  REALVMS_TEMPLATE_MOUNT=$link
  deb="$(realvms_pam_deb "$dir")"
  [ "$port" = 0 ] && port=8300
  # one array value makes FileInstall read the file in its typed format: every value quoted
  dev_cfg org.blockhost.provisioner.libvirt 'uri="qemu:///system"' "vmDir=\"$agent/var/lib/blockhost/vms\"" \
    "templateDir=\"$link\"" 'virtType="qemu"' "network=\"$REALVMS_NET\"" 'networkMode="forward"' "ipv4Pool=\"$REALVMS_NET_POOL\"" \
    'hostReservedMemoryMib="512"' "templateLocalPackages=[\"$deb\"]" "loginHost=\"$(realvms_public_host)\"" \
    "loginChainId=\"$DEV_CHAIN_ID\"" "signingUrl=\"http://localhost:$port/sign\""
}

# pam_web3's signing link in new guests (signing_url): this runtime's HTTPS /sign page, known only
# once the runtime published its endpoint. Rewrites the signingUrl line of the provisioner's file
# (temp name + rename; FileInstall applies it live) when it differs.
realvms_signing_url() {
  local cfg="$DEV_HOME/etc/org.blockhost.provisioner.libvirt.cfg" part="$DEV_HOME/etc/.libvirt-signing.part"
  [ -f "$cfg" ] && [ -n "${DEV_HTTPS_URL:-}" ] || return 0
  sed "s|^signingUrl=.*|signingUrl=\"$DEV_HTTPS_URL/sign\"|" "$cfg" >"$part"
  if cmp -s "$cfg" "$part"; then rm -f "$part"; else mv "$part" "$cfg"; fi
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
