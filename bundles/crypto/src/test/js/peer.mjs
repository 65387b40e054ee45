// Interop peer for the crypto bundle's tests: reads one JSON request per line on stdin and answers one JSON
// line on stdout, using only third-party npm libraries (ethers, eciesjs, @noble/curves, siwe).
import { createInterface } from 'node:readline';
import { ethers } from 'ethers';
import { encrypt as eciesEncrypt, decrypt as eciesDecrypt } from 'eciesjs';
import { schnorr } from '@noble/curves/secp256k1.js';
import siwePkg from 'siwe';

const { SiweMessage } = siwePkg;
const N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
const bytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const hex = (u8) => Buffer.from(u8).toString('hex');

// The access key scheme, written from DESIGN.md alone with ethers + eciesjs.
function accessMessage(host, chainId, contract) {
  return ['BlockHost access key', `Host: ${host}`, `Chain ID: ${chainId}`,
    `Contract: ${ethers.getAddress(contract)}`, 'Version: 1'].join('\n');
}
function accessSecret(signatureHex) {
  const sig = ethers.getBytes(signatureHex);
  if (sig[64] < 27) sig[64] += 27;
  let k = ethers.keccak256(sig);
  while (BigInt(k) === 0n || BigInt(k) >= N) k = ethers.keccak256(k);
  return k;
}

const ops = {
  'ethers-sign': (r) => ({ signature: new ethers.Wallet(r.privateKey).signMessageSync(bytes(r.message)) }),
  'ethers-verify': (r) => ({ address: ethers.verifyMessage(bytes(r.message), r.signature) }),
  'ecies-encrypt': (r) => ({ ciphertext: hex(eciesEncrypt(bytes(r.publicKey), bytes(r.plaintext))) }),
  'ecies-decrypt': (r) => ({ plaintext: hex(eciesDecrypt(bytes(r.privateKey), bytes(r.ciphertext))) }),
  'schnorr-sign': (r) => ({ signature: hex(schnorr.sign(bytes(r.message), bytes(r.privateKey), bytes(r.auxRand))),
    publicKey: hex(schnorr.getPublicKey(bytes(r.privateKey))) }),
  'schnorr-verify': (r) => ({ valid: schnorr.verify(bytes(r.signature), bytes(r.message), bytes(r.publicKey)) }),
  'siwe-build': (r) => ({ message: new SiweMessage(r.fields).prepareMessage() }),
  'siwe-parse': (r) => ({ fields: JSON.parse(JSON.stringify(new SiweMessage(r.message))) }),
  'access': (r) => {
    const wallet = new ethers.Wallet(r.privateKey);
    const message = accessMessage(r.host, r.chainId, r.contract);
    const signature = wallet.signMessageSync(message);
    const k = accessSecret(signature);
    const K = ethers.SigningKey.computePublicKey(k, true);
    const ciphertext = hex(eciesEncrypt(ethers.getBytes(K), Buffer.from(r.credentials, 'utf8')));
    return { message, signature, publicKey: K.slice(2), privateKey: k.slice(2), ciphertext };
  },
};

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  let out;
  try {
    const req = JSON.parse(line);
    const op = ops[req.op];
    out = op ? op(req) : { error: `unknown op ${req.op}` };
  } catch (e) {
    out = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
});
