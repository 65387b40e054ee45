// Writes OPNet wallet vectors with the official SDK (@btc-vision/transaction), for OpnetSdkVectorsTest.
// Run by hand (not in the build): npm ci && node sdk-vectors.mjs > ../resources/opnet-sdk-vectors.json
import { Mnemonic, MessageSigner, MLDSASecurityLevel } from '@btc-vision/transaction';
import { networks, toHex } from '@btc-vision/bitcoin';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const MESSAGES = ['BlockHost sign-in test', 'Ünïcödé line\nsecond line', ''];
const out = { sdk: '@btc-vision/transaction', wallets: [] };
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const pkgDir = createRequire(import.meta.url).resolve('@btc-vision/transaction').replace(/\/build\/.*$/, '');
out.version = JSON.parse(readFileSync(pkgDir + '/package.json', 'utf8')).version;

for (const [name, network] of [['bitcoin', networks.bitcoin], ['regtest', networks.regtest]]) {
    for (const index of [0, 1]) {
        const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).derive(index);
        const entry = {
            network: name, index,
            address: wallet.address.toHex(),
            p2tr: wallet.p2tr,
            p2op: wallet.address.p2op(network),
            publicKey: toHex(wallet.publicKey),
            tweakedKey: wallet.address.tweakedToHex(),
            mldsaPublicKey: wallet.quantumPublicKeyHex,
            messages: [],
        };
        for (const message of MESSAGES) {
            const schnorr = MessageSigner.signMessage(wallet.keypair, message);
            const tweaked = MessageSigner.tweakAndSignMessage(wallet.keypair, message, network);
            const mldsa = MessageSigner.signMLDSAMessage(wallet.mldsaKeypair, message);
            entry.messages.push({
                message,
                sha256: toHex(schnorr.message),
                schnorr: toHex(schnorr.signature),
                schnorrTweaked: toHex(tweaked.signature),
                mldsa: toHex(mldsa.signature),
            });
        }
        out.wallets.push(entry);
    }
}
console.log(JSON.stringify(out, null, 1));
