// Bundles the OPNet pages with esbuild (pinned in package-lock.json): <out>/sign.js (src/sign-page.js) and servers.js
// (src/servers-page.js) with @noble (the kit's /kit/*.js stay imports, served by the web bundle), sign.css, sign.html, servers.html and the bundled libraries' licences, served by SignPageServlet under /opnet-sign.
// With a second directory it also writes the test-only OP_WALLET (test/op-test-wallet.js, one IIFE script the
// browser tests inject; never in the bundle). Usage: node build.mjs <out-dir> [<test-wallet-dir>].
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [out, testWallet] = process.argv.slice(2);
if (!out) {
  throw new Error('usage: node build.mjs <out-dir> [<test-wallet-dir>]');
}
if (!existsSync(join(here, 'node_modules', 'esbuild', 'package.json'))) {
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error('npm ci failed with status ' + r.status);
  }
}
const { build } = await import('esbuild');
const common = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', logLevel: 'warning' };
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [entry, page] of [['sign-page', 'sign'], ['servers-page', 'servers']]) {
  await build({ ...common, entryPoints: [join(here, 'src', entry + '.js')], format: 'esm', outfile: join(out, page + '.js'),
    external: ['/kit/*'] });
  copyFileSync(join(here, 'pages', page + '.html'), join(out, page + '.html'));
}
copyFileSync(join(here, 'src', 'sign.css'), join(out, 'sign.css'));
const licences = ['@noble/curves', '@noble/hashes'].map((name) => {
  const pkg = JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8'));
  return `${name} ${pkg.version} (${pkg.license})\n\n` + readFileSync(join(here, 'node_modules', name, 'LICENSE'), 'utf8');
});
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), licences.join('\n\n'));
if (testWallet) {
  mkdirSync(testWallet, { recursive: true });
  await build({ ...common, entryPoints: [join(here, 'test', 'op-test-wallet.js')], format: 'iife',
    outfile: join(testWallet, 'op-test-wallet.js') });
}
