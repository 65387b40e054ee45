// The loopback fixture as a process, for the engine's Java integration test (SidecarNodeIT):
// prints its URL on the first line and serves until stdin closes. Extra test-only methods:
// fixture_fund [p2tr, sats] (the wallet's UTXO), fixture_revert [selector hex, reason],
// fixture_broadcastIds [] (txids of every broadcast transaction, in order).
import { networks, Transaction } from '@btc-vision/bitcoin';
import { toBase64 } from '@btc-vision/bitcoin';
import { RpcFixture, fundingSource } from './fixture.mjs';

const fixture = new RpcFixture(networks.regtest);
fixture.extra = (r) => {
    switch (r.method) {
        case 'fixture_fund':
            fixture.utxos = [fundingSource(r.params[0], Number(r.params[1]), networks.regtest, 1, fixture.utxos.length + 1)];
            return true;
        case 'fixture_revert': {
            const [sel, text] = r.params;
            const data = Buffer.concat([Buffer.from('63739d5c', 'hex'), Buffer.alloc(4), Buffer.from(text)]);
            data.writeUInt32BE(text.length, 4);
            fixture.callAnswers.set(sel, { result: '', events: {}, accessList: {}, estimatedGas: '1', revert: toBase64(data) });
            return true;
        }
        case 'fixture_broadcastIds':
            return fixture.broadcasts.map((hex) => Transaction.fromHex(hex).getId());
        default:
            return undefined;
    }
};
await fixture.start();
process.stdout.write(fixture.url + '\n');
process.stdin.resume();
process.stdin.on('end', async () => {
    await fixture.stop();
    process.exit(0);
});
