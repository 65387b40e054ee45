// Bundles the buyer pages' browser modules with esbuild (pinned in package-lock.json) into
// <out>: buy.js, servers.js, sign.js, admin-wallet.js (the setup wizard's Admin wallet page),
// buyer.css, the pages' HTML and the bundled libraries' licences. /kit/*.js (wallet.js, login-message.js) stay external imports (served by the web bundle).
// Usage: node build.mjs <out-dir>. Runs `npm ci` first when node_modules is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  throw new Error('usage: node build.mjs <out-dir>');
}
if (!existsSync(join(here, 'node_modules', 'esbuild', 'package.json'))) {
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error('npm ci failed with status ' + r.status);
  }
}
const { build } = await import('esbuild');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['buy', 'servers', 'sign', 'admin-wallet'].map((n) => join(here, 'src', n + '.js')),
  bundle: true, splitting: true, format: 'esm', minify: true, chunkNames: 'chunk-[hash]', target: 'es2022', outdir: out,
  external: ['/kit/*'], legalComments: 'none', logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'buyer.css'), join(out, 'buyer.css'));
for (const page of ['buy', 'servers', 'sign']) {
  copyFileSync(join(here, 'pages', page + '.html'), join(out, page + '.html'));
}
const licences = ['@noble/curves', '@noble/hashes'].map((name) => {
  const pkg = JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8'));
  return `${name} ${pkg.version} (${pkg.license})\n\n` + readFileSync(join(here, 'node_modules', name, 'LICENSE'), 'utf8');
});
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), licences.join('\n\n'));
