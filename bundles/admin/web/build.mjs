// Bundles the admin console's browser libraries with esbuild (pinned in package-lock.json) into
// <out>: uplot.js (ES module, default export uPlot), uplot.css and THIRD-PARTY-LICENSES.txt. The
// console's own modules (src/main/resources/assets) are served as they are and import these.
// Usage: node build.mjs <out-dir>. Runs `npm ci` first when node_modules is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'uplot.js')], bundle: true, format: 'esm', minify: true, target: 'es2022',
  outfile: join(out, 'uplot.js'), legalComments: 'none', logLevel: 'warning',
});
const uplot = join(here, 'node_modules', 'uplot');
copyFileSync(join(uplot, 'dist', 'uPlot.min.css'), join(out, 'uplot.css'));
const pkg = JSON.parse(readFileSync(join(uplot, 'package.json'), 'utf8'));
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'),
  `uplot ${pkg.version} (${pkg.license})\n\n` + readFileSync(join(uplot, 'LICENSE'), 'utf8'));
