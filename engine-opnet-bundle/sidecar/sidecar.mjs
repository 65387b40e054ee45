// BlockHost's OPNet write sidecar. Started by the engine with no arguments; JSON lines on stdin, one
// answer line per request on stdout, handled one at a time. Logs (never a secret) go to stderr.
import { init, OPS } from './lib/ops.mjs';
import { Invalid, Rejected, reason } from './lib/errors.mjs';

export const MAX_LINE = 1024 * 1024;
let ctx;

async function handle(line) {
    let req;
    try {
        req = JSON.parse(line);
    } catch {
        return { id: null, ok: false, invalid: 'not JSON' };
    }
    const id = Number.isSafeInteger(req?.id) ? req.id : null;
    if (id === null) return { id, ok: false, invalid: 'id must be an integer' };
    try {
        if (req.op === 'init') {
            const started = await init(req);
            ctx = started.ctx;
            return { id, ok: true, ...started.answer };
        }
        const op = Object.hasOwn(OPS, req.op) ? OPS[req.op] : undefined;
        if (!op) throw new Invalid('unknown op');
        if (!ctx) throw new Invalid('not initialised');
        return { id, ok: true, ...(await op(ctx, req)) };
    } catch (e) {
        if (e instanceof Invalid) return { id, ok: false, invalid: e.message };
        if (e instanceof Rejected) return { id, ok: false, rejected: reason(e, ctx?.url) };
        const why = reason(e, ctx?.url ?? req.rpcUrl);
        process.stderr.write(`${req.op}: unavailable: ${why}\n`);
        return { id, ok: false, unavailable: why };
    }
}

function main() {
    let pending = Buffer.alloc(0);
    let skipping = false;
    let queue = Promise.resolve();
    const answer = (line) => {
        queue = queue.then(async () => process.stdout.write(JSON.stringify(await handle(line)) + '\n'));
    };
    const tooLong = () => {
        queue = queue.then(() => process.stdout.write('{"id":null,"ok":false,"invalid":"line longer than 1 MiB"}\n'));
    };
    process.stdin.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        for (let nl; (nl = pending.indexOf(10)) >= 0;) {
            const line = nl > MAX_LINE ? '' : pending.subarray(0, nl).toString('utf8');
            pending = pending.subarray(nl + 1);
            if (skipping) skipping = false;
            else if (nl > MAX_LINE) tooLong();
            else if (line.trim()) answer(line);
        }
        if (pending.length > MAX_LINE) {
            pending = Buffer.alloc(0);
            if (!skipping) tooLong();
            skipping = true;
        }
    });
    process.stdin.on('end', () => queue.then(() => process.exit(0)));
}

main();
