// The browser crypto module against third-party ground truth: ../shared/vectors (ECIES ciphertexts
// made with eciesjs, keccak256 and personal_sign vectors from ethers) and, for the access key, an
// independent derivation written with ethers from DESIGN.md, with eciesjs sealing to the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { encrypt as eciesEncrypt } from 'eciesjs';
import { accessKeyMessage, bytesToHex, checksumAddress, decryptCredentials, deriveAccessKey, eciesDecrypt, hexToBytes,
  keccak256 } from '../src/crypto.js';
import { decode, encodeCall, revertReason } from '../src/chain.js';

const here = dirname(fileURLToPath(import.meta.url));
const VECTORS = process.env.BLOCKHOST_VECTORS || resolve(here, '../../../../shared/vectors');
const vectors = (file) => JSON.parse(readFileSync(resolve(VECTORS, file), 'utf8'));
const N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';

function independentAccessKey(signature) {
  const sig = ethers.getBytes(signature);
  if (sig[64] < 27) sig[64] += 27;
  let k = ethers.keccak256(sig);
  while (BigInt(k) === 0n || BigInt(k) >= N) k = ethers.keccak256(k);
  return { k: k.slice(2), K: ethers.SigningKey.computePublicKey(k, true) };
}

test('keccak256 matches every ethers hash vector', () => {
  const rows = vectors('ethers/hashes.json');
  for (const row of rows) {
    assert.equal('0x' + bytesToHex(keccak256(hexToBytes(row.data))), row.keccak256, row.name);
  }
  assert.ok(rows.length > 200);
});

test('EIP-55 of the spec addresses', () => {
  const spec = vectors('eip55/eip55_spec.json');
  const good = JSON.stringify(spec).match(/0x[0-9a-fA-F]{40}/g).filter((a) => a === ethers.getAddress(a.toLowerCase()));
  assert.ok(good.length >= 8);
  for (const a of good) assert.equal(checksumAddress(a.toLowerCase()), a);
});

test('the access-key message is DESIGN.md\'s exact text with the contract in EIP-55 form', () => {
  assert.equal(accessKeyMessage('localhost', 31337, CONTRACT),
    'BlockHost access key\nHost: localhost\nChain ID: 31337\nContract: 0x5FbDB2315678afecb367f032d93F642f64180aa3\nVersion: 1');
  assert.throws(() => accessKeyMessage('evil\nHost: x', 1, CONTRACT));
  assert.throws(() => accessKeyMessage('h', 0, CONTRACT));
});

test('access keys from the personal_sign vectors\' wallets match an independent derivation and decrypt eciesjs', async () => {
  for (const v of vectors('ethers/personal_sign.json').ethers_v5_signMessage) {
    const wallet = new ethers.Wallet(v.privateKey);
    const signature = wallet.signMessageSync(accessKeyMessage('vm.example.org', 1, CONTRACT));
    const mine = deriveAccessKey(signature);
    const theirs = independentAccessKey(signature);
    assert.equal(bytesToHex(mine.secret), theirs.k);
    assert.equal(mine.publicKey, theirs.K);
    const low = signature.slice(0, 130) + (parseInt(signature.slice(130), 16) - 27).toString(16).padStart(2, '0');
    assert.equal(deriveAccessKey(low).publicKey, mine.publicKey, 'v = 0/1 is the same key as 27/28');
    const details = { v: 1, vm: 'blockhost-001', host: 'vm.example.org', port: 2201, user: 'user' };
    const sealed = eciesEncrypt(ethers.getBytes(mine.publicKey), Buffer.from(JSON.stringify(details)));
    assert.deepEqual(await decryptCredentials(mine.secret, bytesToHex(sealed)), details);
  }
  // the vector's own signature (a message that is not the access-key text) still derives like ethers does
  const v0 = vectors('ethers/personal_sign.json').ethers_v5_signMessage[0];
  assert.equal(deriveAccessKey(v0.signature).publicKey, independentAccessKey(v0.signature).K);
  assert.throws(() => deriveAccessKey('0x1234'));
  assert.throws(() => deriveAccessKey(v0.signature.slice(0, 130) + '05'));
});

test('ECIES: the eciesjs-generated vector decrypts; tampering and compressed ephemeral keys are refused', async () => {
  const [uncompressed, compressed] = vectors('ecies/ecies_known.json').generated_with_eciesjs;
  const secret = hexToBytes(uncompressed.recipient_sk);
  assert.equal(bytesToHex(await eciesDecrypt(secret, uncompressed.ciphertext_hex)), uncompressed.plaintext_hex);
  const bytes = hexToBytes(uncompressed.ciphertext_hex);
  for (const at of [1, 70, 90, bytes.length - 1]) {
    const bad = Uint8Array.from(bytes);
    bad[at] ^= 1;
    await assert.rejects(eciesDecrypt(secret, bad));
  }
  await assert.rejects(eciesDecrypt(secret, compressed.ciphertext_hex));
  await assert.rejects(decryptCredentials(secret, uncompressed.ciphertext_hex), 'not JSON credentials');
});

test('call data matches ethers\' ABI coder; answers decode', () => {
  const iface = new ethers.Interface(['function buySubscription(uint256,uint256,bytes,uint256)',
    'function approve(address,uint256)', 'function getCredentials(uint256) view returns (bytes)',
    'function getSubscription(uint256) view returns (uint256,address,uint64,bool)',
    'function getPlan(uint256) view returns (string,uint256,bool)']);
  const key = '0x02' + 'ab'.repeat(32);
  assert.equal(encodeCall('buySubscription(uint256,uint256,bytes,uint256)', ['uint256', 'uint256', 'bytes', 'uint256'], [1, 30, key, 3000n]),
    iface.encodeFunctionData('buySubscription', [1, 30, key, 3000n]));
  assert.equal(encodeCall('approve(address,uint256)', ['address', 'uint256'], [CONTRACT, 5n]),
    iface.encodeFunctionData('approve', [CONTRACT, 5n]));
  const creds = '0x' + 'cd'.repeat(150);
  assert.deepEqual(decode(['bytes'], iface.encodeFunctionResult('getCredentials', [creds])), [creds]);
  const sub = decode(['uint256', 'address', 'uint256', 'bool'],
    iface.encodeFunctionResult('getSubscription', [2n, CONTRACT, 1700000000n, true]));
  assert.deepEqual(sub, [2n, CONTRACT, 1700000000n, true]);
  assert.deepEqual(decode(['string', 'uint256', 'bool'], iface.encodeFunctionResult('getPlan', ['basic', 150n, true])),
    ['basic', 150n, true]);
});

test('revert data becomes a sentence', () => {
  const data = new ethers.Interface(['error PriceAboveMax(uint256,uint256)']).encodeErrorResult('PriceAboveMax', [2, 1]);
  assert.match(revertReason({ code: 3, data }), /price went up/);
  assert.match(revertReason({ data: { data } }), /price went up/);
  assert.equal(revertReason({ code: 4001 }), null);
});
