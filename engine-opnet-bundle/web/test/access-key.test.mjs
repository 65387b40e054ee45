// The OPNet access-key rule (README "Access key (OPNet)"): vectors signed by the official SDK
// (test/access-key-vectors.json, written by src/test/js/access-key-vectors.mjs with MessageSigner.signECDSA and the
// SDK's key pair for k) and noble wallets: a deterministic wallet gives the same K every time, a randomising one or
// one answering a signature that is not its key's is refused, k = 0 is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { accessKeyMessage, deriveAccessKey, keyFromHash, AccessKeyRefused } from '../src/access-key.js';

const V = JSON.parse(readFileSync(new URL('./access-key-vectors.json', import.meta.url), 'utf8'));
const CREDENTIAL = '0x' + 'c3'.repeat(32);
const N = secp256k1.Point.CURVE().n;

/** A test OP_WALLET: getPublicKey and signData as the page calls them, answers from `sign(hex, type)`. */
function opWallet(publicKey, sign) {
  const calls = [];
  return {
    calls,
    async getPublicKey() { calls.push('getPublicKey'); return publicKey; },
    async signData(hex, type) { calls.push('signData ' + type); return sign(hex, type); },
  };
}

/** A wallet with a known key signing ECDSA with noble: RFC 6979 unless `random` (fresh extra entropy each time). */
function nobleWallet(secret, { random = false } = {}) {
  return opWallet(bytesToHex(secp256k1.getPublicKey(secret, true)),
    (hex) => bytesToHex(secp256k1.sign(hexToBytes(hex), secret, { prehash: false, extraEntropy: random })));
}

const refused = (pattern) => (e) => e instanceof AccessKeyRefused && pattern.test(e.message);

test('the SDK-signed vectors: message, digest and the access key the SDK\'s key pair gives', async () => {
  assert.equal(V.version, '1.8.6');
  assert.equal(V.vectors.length, 6);
  for (const v of V.vectors) {
    assert.equal(accessKeyMessage(v.host, v.network, CREDENTIAL), v.message);
    assert.equal(bytesToHex(sha256(utf8ToBytes(v.message))), v.sha256);
    const wallet = opWallet(v.publicKey, (hex, type) => {
      assert.equal(hex, v.sha256);
      assert.equal(type, 'ecdsa');
      return v.signature;
    });
    const key = await deriveAccessKey(wallet, v.message);
    assert.equal(key.publicKey, v.accessKey);
    assert.equal(bytesToHex(key.secret), v.secret);
    assert.equal(key.walletKey, v.publicKey);
    assert.deepEqual(wallet.calls, ['getPublicKey', 'signData ecdsa', 'signData ecdsa']);
  }
  assert.notEqual(V.vectors[0].accessKey, V.vectors[1].accessKey, 'two wallets, two keys');
  assert.notEqual(V.vectors[0].accessKey, V.vectors[2].accessKey, 'two hosts, two keys');
});

test('a deterministic wallet gives the same K every time; its high-s twin gives the same K', async () => {
  const secret = hexToBytes('11'.repeat(32));
  const message = accessKeyMessage('localhost', 'regtest', CREDENTIAL);
  const first = await deriveAccessKey(nobleWallet(secret), message);
  const again = await deriveAccessKey(nobleWallet(secret), message);
  assert.equal(first.publicKey, again.publicKey);
  assert.match(first.publicKey, /^0x0[23][0-9a-f]{64}$/);
  assert.equal(first.publicKey, '0x' + bytesToHex(secp256k1.getPublicKey(first.secret, true)));
  const high = opWallet(bytesToHex(secp256k1.getPublicKey(secret, true)), (hex) => {
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hexToBytes(hex), secret, { prehash: false }), 'compact');
    return bytesToHex(new secp256k1.Signature(sig.r, N - sig.s).toBytes('compact'));
  });
  assert.equal((await deriveAccessKey(high, message)).publicKey, first.publicKey);
  const other = await deriveAccessKey(nobleWallet(secret), accessKeyMessage('localhost', 'mainnet', CREDENTIAL));
  assert.notEqual(other.publicKey, first.publicKey, 'another network, another key');
});

test('a wallet that randomises ECDSA is refused with what to do', async () => {
  const message = accessKeyMessage('localhost', 'regtest', CREDENTIAL);
  await assert.rejects(deriveAccessKey(nobleWallet(hexToBytes('22'.repeat(32)), { random: true }), message),
    refused(/two different signatures.*RFC 6979/s));
});

test('a signature that is not the wallet key\'s, a malformed answer or no wallet is refused', async () => {
  const message = accessKeyMessage('localhost', 'regtest', CREDENTIAL);
  const mine = hexToBytes('33'.repeat(32));
  const other = hexToBytes('44'.repeat(32));
  const liar = opWallet(bytesToHex(secp256k1.getPublicKey(mine, true)),
    (hex) => bytesToHex(secp256k1.sign(hexToBytes(hex), other, { prehash: false })));
  await assert.rejects(deriveAccessKey(liar, message), refused(/does not verify for its own public key/));
  const v = V.vectors[0];
  const tampered = v.signature.slice(0, 127) + (v.signature[127] === '0' ? '1' : '0');
  await assert.rejects(deriveAccessKey(opWallet(v.publicKey, () => tampered), v.message), refused(/does not verify/));
  await assert.rejects(deriveAccessKey(opWallet(v.publicKey, () => v.signature), message), refused(/does not verify/));
  for (const answer of ['', '00'.repeat(63), '30440220' + 'ab'.repeat(66), 'zz'.repeat(64), '00'.repeat(64)]) {
    await assert.rejects(deriveAccessKey(opWallet(v.publicKey, () => answer), v.message), AccessKeyRefused, answer);
  }
  await assert.rejects(deriveAccessKey(opWallet('not a key', () => v.signature), v.message), refused(/public key/));
  await assert.rejects(deriveAccessKey(undefined, v.message), refused(/No OP_WALLET/));
});

test('k = 0 (a hash of 0 or of n) is refused; k is taken mod n', () => {
  assert.throws(() => keyFromHash(new Uint8Array(32)), refused(/no usable access key/));
  assert.throws(() => keyFromHash(hexToBytes(N.toString(16))), refused(/no usable access key/));
  const one = keyFromHash(hexToBytes((N + 1n).toString(16)));
  assert.equal(one.publicKey, '0x' + bytesToHex(secp256k1.Point.BASE.toBytes(true)));
});

test('the access-key message refuses what is not one host line, a known network and an OPNet address', () => {
  assert.throws(() => accessKeyMessage('a\nb', 'regtest', CREDENTIAL));
  assert.throws(() => accessKeyMessage('', 'regtest', CREDENTIAL));
  assert.throws(() => accessKeyMessage('localhost', 'signet', CREDENTIAL));
  assert.throws(() => accessKeyMessage('localhost', 'regtest', '0x' + 'c3'.repeat(20)));
  assert.equal(accessKeyMessage('h', 'testnet', CREDENTIAL.toUpperCase().replace('0X', '0x')).split('\n')[3],
    'Contract: ' + CREDENTIAL);
});
