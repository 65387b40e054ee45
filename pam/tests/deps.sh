#!/bin/sh
# Install the Debian packages needed to build and test pam_web3, only those
# missing, and only when running as root (CI). Never prompts.
PKGS="gcc make libc6-dev libpam0g-dev libsecp256k1-dev pamtester openssh-server openssh-client clang libclang-rt-14-dev python3"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "pam: missing Debian packages:$missing (run as root to install them)" >&2
    exit 0
fi
echo "pam: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq </dev/null >/dev/null &&
    apt-get install -y -qq --no-install-recommends $missing </dev/null >/dev/null ||
    { echo "pam: apt-get failed for$missing" >&2; exit 1; }
