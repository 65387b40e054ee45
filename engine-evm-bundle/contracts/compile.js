#!/usr/bin/env node
// Compiles src/*.sol with the pinned solcjs into <out>/<Contract>.abi.json and <Contract>.bin (hex,
// no 0x), plus manifest.json with the compiler version and the SHA-256 of every artifact.
// Usage: node compile.js <out-dir>. Runs `npm ci` first when node_modules is missing.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const here = __dirname;
const CONTRACTS = ['BlockhostSubscriptions', 'AccessCredential', 'TestStablecoin', 'TestDecimalsToken'];

function ensureDependencies() {
  if (fs.existsSync(path.join(here, 'node_modules', 'solc', 'package.json'))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed with status ' + r.status);
}

function findImport(name) {
  const candidates = [path.join(here, 'node_modules', name), path.join(here, name)];
  for (const file of candidates) {
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
  }
  return { error: 'not found: ' + name };
}

function standardInput() {
  const sources = {};
  for (const name of CONTRACTS) {
    const unit = 'src/' + name + '.sol';
    sources[unit] = { content: fs.readFileSync(path.join(here, unit), 'utf8') };
  }
  return {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
}

function write(out, file, data, manifest) {
  fs.writeFileSync(path.join(out, file), data);
  manifest.artifacts[file] = crypto.createHash('sha256').update(data).digest('hex');
}

function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node compile.js <out-dir>');
  ensureDependencies();
  const solc = require('solc');
  const result = JSON.parse(solc.compile(JSON.stringify(standardInput()), { import: findImport }));
  const errors = (result.errors || []).filter((e) => e.severity === 'error');
  for (const e of result.errors || []) process.stderr.write(e.formattedMessage + '\n');
  if (errors.length > 0) throw new Error(errors.length + ' compilation error(s)');
  fs.mkdirSync(out, { recursive: true });
  const manifest = { compiler: solc.version(), evmVersion: 'cancun', artifacts: {} };
  for (const name of CONTRACTS) {
    const c = result.contracts['src/' + name + '.sol'][name];
    write(out, name + '.abi.json', JSON.stringify(c.abi, null, 2) + '\n', manifest);
    write(out, name + '.bin', c.evm.bytecode.object + '\n', manifest);
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stdout.write('compiled ' + CONTRACTS.join(', ') + ' into ' + out + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write('compile.js: ' + e.message + '\n');
  process.exit(1);
}
