// Bundles the OPNet pages with esbuild (pinned in package-lock.json): <out>/sign.js (src/sign-page.js) and servers.js
// (src/servers-page.js), buy.js (src/buy-page.js) with @noble (the kit's /kit/*.js stay imports, served by the web bundle), writes.js (src/writes.js:
// the SDK's contract layer, opnet + @btc-vision/transaction, imported by the pages only when a write starts), sign.css,
// sign.html, servers.html, buy.html and the licences of every package bundled or vendored (the SDK's production dependency tree),
// served by SignPageServlet under /opnet-sign.
// With a second directory it also writes the test-only OP_WALLET (test/op-test-wallet.js, one IIFE script the
// browser tests inject; never in the bundle). Usage: node build.mjs <out-dir> [<test-wallet-dir>].
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [out, testWallet] = process.argv.slice(2);
if (!out) {
  throw new Error('usage: node build.mjs <out-dir> [<test-wallet-dir>]');
}
// npm ci when node_modules lacks any pinned package (a fresh checkout, or one pulled after a dependency was added)
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const pinned = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
if (pinned.some((name) => !existsSync(join(here, 'node_modules', name, 'package.json')))) {
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error('npm ci failed with status ' + r.status);
  }
}
const { build } = await import('esbuild');
const common = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', logLevel: 'warning' };
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [entry, page] of [['sign-page', 'sign'], ['servers-page', 'servers'], ['buy-page', 'buy']]) {
  await build({ ...common, entryPoints: [join(here, 'src', entry + '.js')], format: 'esm', outfile: join(out, page + '.js'),
    external: ['/kit/*', '/opnet-sign/*'] });
  copyFileSync(join(here, 'pages', page + '.html'), join(out, page + '.html'));
}
const writes = await build({ ...common, platform: 'browser', entryPoints: [join(here, 'src', 'writes.js')], format: 'esm',
  outfile: join(out, 'writes.js'), metafile: true });
const bundled = Object.keys(writes.metafile.inputs).map((p) => (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(p) || [])[1]);
copyFileSync(join(here, 'src', 'sign.css'), join(out, 'sign.css'));
const licences = [...withDependencies(['@noble/curves', '@noble/hashes', ...bundled.filter(Boolean)])].sort().map((name) => {
  const dir = join(here, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return `${name} ${pkg.version} (${pkg.license})\n\n` + (file ? readFileSync(join(dir, file), 'utf8') : `${pkg.license}: no licence file in the package.\n`);
});
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), licences.join('\n\n'));
if (testWallet) {
  mkdirSync(testWallet, { recursive: true });
  await build({ ...common, platform: 'browser', entryPoints: [join(here, 'test', 'op-test-wallet.js')], format: 'iife',
    outfile: join(testWallet, 'op-test-wallet.js') });
}

/**
 * `names` and their direct production dependencies (what the SDK's prebuilt browser files vendor), as installed at the
 * top of node_modules. Over-inclusive on purpose: a declared dependency that is not in the bundle costs a page of text.
 */
function withDependencies(names) {
  const all = new Set();
  for (const name of names) {
    const file = join(here, 'node_modules', name, 'package.json');
    if (!existsSync(file)) {
      continue;
    }
    all.add(name);
    for (const dep of Object.keys(JSON.parse(readFileSync(file, 'utf8')).dependencies ?? {})) {
      if (existsSync(join(here, 'node_modules', dep, 'package.json'))) {
        all.add(dep);
      }
    }
  }
  return all;
}
