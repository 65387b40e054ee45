// Compiles the three contracts with the pinned AssemblyScript and OPNet transform into <outDir>
// (default build/) and writes manifest.json (compiler versions, SHA-256 of each .wasm).
// `node build.mjs --check` compiles into a fresh temporary directory and fails unless every file is
// byte-identical to the checked-in build/ (the reproducibility check).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TARGETS = {
    subscriptions: ['src/subscriptions/index.ts', 'BlockhostSubscriptions.wasm'],
    credential: ['src/credential/index.ts', 'AccessCredential.wasm'],
    testtoken: ['src/testtoken/index.ts', 'TestToken.wasm'],
};

const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function build(outDir) {
    const asc = join(here, 'node_modules', '@btc-vision', 'assemblyscript', 'bin', 'asc.js');
    const files = {};
    for (const [target, [entry, wasm]] of Object.entries(TARGETS)) {
        execFileSync(process.execPath, [asc, entry, '--target', target, '--outFile', join(outDir, wasm),
            '--uncheckedBehavior', 'never'], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
        files[wasm] = createHash('sha256').update(readFileSync(join(outDir, wasm))).digest('hex');
    }
    const manifest = {
        compiler: `@btc-vision/assemblyscript ${version('@btc-vision/assemblyscript')}`,
        transform: `@btc-vision/opnet-transform ${version('@btc-vision/opnet-transform')}`,
        runtime: `@btc-vision/btc-runtime ${version('@btc-vision/btc-runtime')}`,
        files,
    };
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

if (process.argv[2] === '--check') {
    const fresh = mkdtempSync(join(tmpdir(), 'opnet-contracts-'));
    try {
        build(fresh);
        const committed = join(here, 'build');
        const names = readdirSync(fresh).filter((f) => !f.endsWith('.d.ts')).sort();
        for (const name of names) {
            const a = join(committed, name);
            if (!existsSync(a) || !readFileSync(a).equals(readFileSync(join(fresh, name)))) {
                console.error(`not reproducible: build/${name} differs from a fresh compile (run node build.mjs)`);
                process.exit(1);
            }
        }
        console.log(`reproducible: ${names.join(', ')}`);
    } finally {
        rmSync(fresh, { recursive: true, force: true });
    }
} else {
    build(process.argv[2] ?? join(here, 'build'));
}
