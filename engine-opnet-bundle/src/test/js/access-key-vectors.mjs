// Writes the OPNet access-key vectors with the official SDK (@btc-vision/transaction, pinned in package.json +
// lockfile), for web/test/access-key.test.mjs. Run by hand (not in the build):
//   npm ci && node access-key-vectors.mjs > ../../../web/test/access-key-vectors.json
// Per wallet of a fixed mnemonic: the access-key message, MessageSigner.signECDSA over it twice (RFC 6979: the
// same 64 bytes), and the key the rule gives, computed here with node:crypto and the SDK's own key pair
// (EcKeyPair.fromPrivateKey), independently of the page's module.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EcKeyPair, Mnemonic, MessageSigner, MLDSASecurityLevel } from '@btc-vision/transaction';
import { networks, toHex } from '@btc-vision/bitcoin';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const CREDENTIAL = '0x' + 'c3'.repeat(32);
const pkgDir = createRequire(import.meta.url).resolve('@btc-vision/transaction').replace(/\/build\/.*$/, '');
const out = { sdk: '@btc-vision/transaction', version: JSON.parse(readFileSync(pkgDir + '/package.json', 'utf8')).version,
  rule: 'k = SHA-256("blockhost-access-key" || r || low-s s) mod n, K = k*G compressed', vectors: [] };

const message = (host, network) => ['BlockHost access key', 'Host: ' + host, 'Chain ID: opnet:' + network,
  'Contract: ' + CREDENTIAL, 'Version: 1'].join('\n');

for (const [name, network, host] of [['mainnet', networks.bitcoin, 'vm1.test'], ['mainnet', networks.bitcoin, 'localhost'],
  ['regtest', networks.regtest, 'localhost']]) {
  for (const index of [0, 1]) {
    const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).derive(index);
    const text = message(host, name);
    const a = MessageSigner.signECDSA(wallet.keypair, text);
    const b = MessageSigner.signECDSA(wallet.keypair, text);
    if (toHex(a.signature) !== toHex(b.signature) || a.signature.length !== 64) {
      throw new Error('the SDK\'s ECDSA is not deterministic here');
    }
    if (!MessageSigner.verifyECDSASignature(wallet.publicKey, text, a.signature)) {
      throw new Error('the SDK does not verify its own signature');
    }
    let r = BigInt('0x' + toHex(a.signature.subarray(0, 32)));
    let s = BigInt('0x' + toHex(a.signature.subarray(32)));
    const highS = s > N / 2n;
    if (highS) {
      s = N - s;
    }
    const word = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
    const h = createHash('sha256').update('blockhost-access-key').update(word(r)).update(word(s)).digest();
    const k = BigInt('0x' + h.toString('hex')) % N;
    const pair = EcKeyPair.fromPrivateKey(word(k), network);
    out.vectors.push({ network: name, index, host, publicKey: toHex(wallet.publicKey), message: text,
      sha256: toHex(a.message), signature: toHex(a.signature), highS, secret: word(k).toString('hex'),
      accessKey: '0x' + toHex(pair.publicKey) });
  }
}
console.log(JSON.stringify(out, null, 2));
