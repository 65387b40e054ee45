#!/bin/bash
# Test setup for root-agent (root only for installs):
#   setup.sh [--qemu-root] PACKAGE...
# installs the Debian packages that dpkg says are missing; --qemu-root also makes QEMU guests of the
# system libvirt driver run as root:root (qemu.conf), which avoids a ~40 s QEMU re-probe per define
# on machines without systemd (see shared/ENVIRONMENT.md).
set -euo pipefail
qemu_root=0
if [ "${1:-}" = "--qemu-root" ]; then qemu_root=1; shift; fi
missing=()
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing packages ${missing[*]} and not root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
if [ $qemu_root = 1 ]; then
  conf=/etc/libvirt/qemu.conf
  grep -qE '^\s*user\s*=' "$conf" || echo 'user = "root"' >> "$conf"
  grep -qE '^\s*group\s*=' "$conf" || echo 'group = "root"' >> "$conf"
fi
