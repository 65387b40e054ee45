// Runs the real sidecar as the engine does (no argument, an empty environment) and talks JSON lines.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SIDECAR = fileURLToPath(new URL('../sidecar.mjs', import.meta.url));

const running = new Set();

/** Kills every sidecar a failed test left running. */
export function killAll() {
    for (const proc of running) proc.kill('SIGKILL');
}

export class SidecarClient {
    stdout = '';
    stderr = '';
    #waiting = [];

    constructor() {
        this.proc = spawn(process.execPath, [SIDECAR], { env: {}, stdio: ['pipe', 'pipe', 'pipe'] });
        running.add(this.proc);
        this.proc.on('exit', () => running.delete(this.proc));
        this.proc.stderr.on('data', (c) => { this.stderr += c; });
        this.proc.stdout.on('data', (c) => {
            this.stdout += c;
            this.#deliver();
        });
    }

    #lines = 0;
    #deliver() {
        const lines = this.stdout.split('\n').slice(0, -1);
        while (this.#lines < lines.length && this.#waiting.length) this.#waiting.shift()(JSON.parse(lines[this.#lines++]));
    }

    /** The next answer line. */
    next() {
        const p = new Promise((ok) => this.#waiting.push(ok));
        this.#deliver();
        return p;
    }

    async request(obj) {
        this.proc.stdin.write(JSON.stringify(obj) + '\n');
        return this.next();
    }

    raw(text) {
        this.proc.stdin.write(text);
    }

    async close() {
        this.proc.stdin.end();
        await new Promise((ok) => (this.proc.exitCode !== null ? ok() : this.proc.on('exit', ok)));
    }
}
