#!/bin/sh
# Build libpam-web3_<version>_<arch>.deb with dpkg-deb only.
# Usage: debian/build-deb.sh BUILD_DIR VERSION
set -eu
B=$1
V=$2
ARCH=$(dpkg --print-architecture)
MA=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
R=$B/deb-root
DOC=$R/usr/share/doc/libpam-web3
rm -rf "$R"
install -D -m 0644 "$B/pam_web3.so" "$R/lib/$MA/security/pam_web3.so"
strip --strip-unneeded "$R/lib/$MA/security/pam_web3.so"
install -D -m 0644 conf/pam_web3.conf "$R/etc/pam_web3.conf"
install -D -m 0644 conf/sshd-pam_web3.conf "$R/etc/ssh/sshd_config.d/pam_web3.conf"
install -D -m 0644 conf/web3-auth "$R/etc/pam.d/web3-auth"
install -D -m 0644 README.md "$DOC/README.md"
install -D -m 0644 pam_web3.8.md "$DOC/pam_web3.8.md"
install -D -m 0644 debian/copyright "$DOC/copyright"
mkdir -p "$R/DEBIAN"
SIZE=$(du -sk "$R" | cut -f1)
sed -e "s/@VERSION@/$V/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" debian/control.in >"$R/DEBIAN/control"
printf '/etc/pam_web3.conf\n/etc/ssh/sshd_config.d/pam_web3.conf\n/etc/pam.d/web3-auth\n' >"$R/DEBIAN/conffiles"
install -m 0755 debian/postinst debian/postrm "$R/DEBIAN/"
# Reproducible: every timestamp is SOURCE_DATE_EPOCH (default: the last commit touching pam/), so
# the same sources give a byte-identical package and a template built with it is reused.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- . 2>/dev/null || true)
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
fi
export SOURCE_DATE_EPOCH
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz -b "$R" "$B/libpam-web3_${V}_${ARCH}.deb" >/dev/null
echo "built $B/libpam-web3_${V}_${ARCH}.deb"
