// Buyer-side cryptography of DESIGN.md ("Access key", "ECIES"), run only in the browser: the
// access key derived from the wallet's signature and the ECIES decryption of the credentials.
// Nothing here sends a key anywhere; the secret stays in the caller's memory.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const EPHEMERAL = 65;
const NONCE = 16;
const TAG = 16;

export { bytesToHex, hexToBytes, keccak256 } from './bytes.js';

function toBigInt(bytes) {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

/** EIP-55 form of a 0x address; throws on anything that is not 20 bytes of hex. */
export function checksumAddress(address) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(String(address))) {
    throw new Error('not an address');
  }
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    out += Number.parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out;
}

/** The exact access-key text the wallet signs (lines joined by LF, no trailing newline). */
export function accessKeyMessage(host, chainId, credentialContract) {
  if (!host || /[\r\n]/.test(host)) {
    throw new Error('the host name must be one non-empty line');
  }
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error('the chain id must be a positive integer');
  }
  return ['BlockHost access key', 'Host: ' + host, 'Chain ID: ' + chainId,
    'Contract: ' + checksumAddress(credentialContract), 'Version: 1'].join('\n');
}

/**
 * The access key pair from a 65-byte personal_sign signature r‖s‖v (v 0/1 or 27/28):
 * k = keccak256(signature with v as 27/28), re-hashed while k = 0 or k ≥ n; K = k·G compressed.
 */
export function deriveAccessKey(signatureHex) {
  const sig = hexToBytes(signatureHex);
  if (sig.length !== 65) {
    throw new Error('a wallet signature has 65 bytes');
  }
  if (sig[64] === 0 || sig[64] === 1) {
    sig[64] += 27;
  } else if (sig[64] !== 27 && sig[64] !== 28) {
    throw new Error('the signature\'s recovery byte is not 0, 1, 27 or 28');
  }
  let k = keccak_256(sig);
  sig.fill(0);
  while (toBigInt(k) === 0n || toBigInt(k) >= N) {
    k = keccak_256(k);
  }
  return { secret: k, publicKey: '0x' + bytesToHex(secp256k1.getPublicKey(k, true)) };
}

/**
 * ECIES decryption as eciesjs 0.5 does by default on secp256k1: ephemeral uncompressed key (65) ‖
 * nonce (16) ‖ tag (16) ‖ AES-256-GCM ciphertext, key = HKDF-SHA256(ephemeral ‖ shared point).
 * Resolves with the plaintext bytes; rejects on any tampering.
 */
export async function eciesDecrypt(secret, data) {
  const bytes = typeof data === 'string' ? hexToBytes(data) : data;
  if (bytes.length < EPHEMERAL + NONCE + TAG || bytes[0] !== 4) {
    throw new Error('not an ECIES message');
  }
  const ephemeral = bytes.subarray(0, EPHEMERAL);
  const shared = secp256k1.getSharedSecret(secret, ephemeral, false);
  const ikm = new Uint8Array(EPHEMERAL + shared.length);
  ikm.set(ephemeral, 0);
  ikm.set(shared, EPHEMERAL);
  const keyBytes = hkdf(sha256, ikm, undefined, undefined, 32);
  const nonce = bytes.subarray(EPHEMERAL, EPHEMERAL + NONCE);
  const tag = bytes.subarray(EPHEMERAL + NONCE, EPHEMERAL + NONCE + TAG);
  const body = bytes.subarray(EPHEMERAL + NONCE + TAG);
  const sealed = new Uint8Array(body.length + TAG);
  sealed.set(body, 0);
  sealed.set(tag, body.length);
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
  keyBytes.fill(0);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, key, sealed));
}

/**
 * The connection details sealed in a credential NFT: the JSON of DESIGN.md with v = 1; throws
 * when it does not decrypt or is not that JSON.
 */
export async function decryptCredentials(secret, ciphertextHex) {
  const plain = await eciesDecrypt(secret, ciphertextHex);
  const details = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  if (!details || typeof details !== 'object' || details.v !== 1) {
    throw new Error('the credentials are not version 1');
  }
  return details;
}
