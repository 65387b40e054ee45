// A loopback OPNet JSON-RPC node for the sidecar's tests (test code only). It answers the btc_*
// methods the SDK asks for during a write, with values shaped as the SDK's types require, and
// records every request (the simulated calldata, the broadcast transactions).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { Transaction, toBase64, toHex, fromHex, address as baddress, networks } from '@btc-vision/bitcoin';
import { EcKeyPair } from '@btc-vision/transaction';

/** A previous transaction paying `sats` to `p2tr` at output `vout`: the wallet's spendable UTXO. */
export function fundingSource(p2tr, sats, network, vout = 0, tag = 1) {
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(new Uint8Array(32).fill(tag), 0);
    const script = baddress.toOutputScript(p2tr, network);
    for (let i = 0; i <= vout; i++) tx.addOutput(script, BigInt(i === vout ? sats : 1000));
    return { tx, txid: tx.getId(), vout, value: sats, script };
}

/** The epoch challenge as btc_preimage returns it (IChallengeSolutionRaw), from a fixed key. */
export function challenge(network) {
    const miner = EcKeyPair.fromPrivateKey(new Uint8Array(32).fill(7), network);
    const legacy = toHex(miner.publicKey);
    const hash = (s) => '0x' + createHash('sha256').update(s).digest('hex');
    return {
        epochNumber: '12', mldsaPublicKey: hash('fixture-miner-mldsa'), legacyPublicKey: '0x' + legacy,
        solution: hash('solution'), salt: hash('salt'), graffiti: '0x' + '00'.repeat(16), difficulty: 20,
        verification: {
            epochHash: hash('epoch'), epochRoot: hash('root'), targetHash: hash('target'),
            targetChecksum: hash('checksum'), startBlock: '96', endBlock: '103', proofs: [hash('proof')],
        },
    };
}

export class RpcFixture {
    requests = [];
    broadcasts = [];
    /** calldata hex (selector) -> btc_call answer; default: success with no result. */
    callAnswers = new Map();
    utxos = [];
    balance = '0x0';
    down = false;

    constructor(network = networks.regtest) {
        this.network = network;
        this.preimage = challenge(network);
    }

    async start() {
        this.server = createServer((req, res) => this.#serve(req, res));
        await new Promise((ok) => this.server.listen(0, '127.0.0.1', ok));
        this.url = `http://127.0.0.1:${this.server.address().port}/rpc`;
        return this;
    }

    async stop() {
        this.server.closeAllConnections();
        await new Promise((ok) => this.server.close(ok));
    }

    calls(method) {
        return this.requests.filter((r) => r.method === method);
    }

    #serve(req, res) {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            if (this.down) {
                res.writeHead(503).end();
                return;
            }
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            const answer = Array.isArray(body) ? body.map((r) => this.#answer(r)) : this.#answer(body);
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
    }

    #answer(r) {
        this.requests.push(r);
        const ok = (result) => ({ jsonrpc: '2.0', id: r.id, result });
        switch (r.method) {
            case 'btc_call': {
                const calldata = String(r.params[1]);
                const scripted = this.callAnswers.get(calldata.slice(0, 8));
                return ok(scripted ?? { result: toBase64(new Uint8Array(32)), events: {}, accessList: {}, estimatedGas: '2000000', specialGas: '0' });
            }
            case 'btc_gas':
                return ok({
                    blockNumber: '0x68', gasUsed: '0x0', targetGasLimit: '0x3b9aca00', ema: '0x0',
                    baseGas: '0x64', gasPerSat: '0x' + (1_000_000_000n).toString(16),
                    bitcoin: { conservative: 3, recommended: { low: 1, medium: 2, high: 4 } },
                });
            case 'btc_getUTXOs':
                return ok({
                    confirmed: this.utxos.map((u, i) => ({
                        transactionId: u.txid, outputIndex: u.vout, value: String(u.value),
                        scriptPubKey: { hex: toHex(u.script), address: r.params[0] }, raw: i,
                    })),
                    pending: [], spentTransactions: [], raw: this.utxos.map((u) => toBase64(u.tx.toBuffer())),
                });
            case 'btc_preimage':
                return ok(this.preimage);
            case 'btc_sendRawTransactionPackage': {
                this.broadcasts.push(...r.params[0]);
                const ids = r.params[0].map((hex) => Transaction.fromHex(hex).getId());
                return ok({ success: true, sequentialResults: ids.map((txid) => ({ txid, success: true, peers: 1 })) });
            }
            case 'btc_sendRawTransaction': {
                this.broadcasts.push(r.params[0]);
                return ok({ success: true, result: Transaction.fromHex(r.params[0]).getId(), peers: 1 });
            }
            case 'btc_getBalance':
                return ok(this.balance);
            default: {
                const extra = this.extra?.(r);
                if (extra !== undefined) return ok(extra);
                return { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: `fixture: no ${r.method}` } };
            }
        }
    }
}

export { fromHex };
