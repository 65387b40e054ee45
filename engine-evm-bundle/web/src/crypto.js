// Buyer-side cryptography of DESIGN.md ("Access key", "ECIES"), run only in the browser: the
// access key derived from the wallet's signature and the ECIES decryption of the credentials.
// Nothing here sends a key anywhere; the secret stays in the caller's memory.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { eciesDecrypt as kitDecrypt, decryptCredentials as kitCredentials } from '/kit/ecies.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

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
 * ECIES decryption of DESIGN.md through the kit's module (/kit/ecies.js: HKDF and AES-GCM in WebCrypto) with the
 * shared point from noble. Resolves with the plaintext bytes; rejects on any tampering.
 */
export function eciesDecrypt(secret, data) {
  return kitDecrypt((ephemeral) => secp256k1.getSharedSecret(secret, ephemeral, false), data);
}

/** The connection details sealed in a credential NFT (DESIGN.md's JSON with v = 1); throws when not that. */
export function decryptCredentials(secret, ciphertextHex) {
  return kitCredentials((ephemeral) => secp256k1.getSharedSecret(secret, ephemeral, false), ciphertextHex);
}
