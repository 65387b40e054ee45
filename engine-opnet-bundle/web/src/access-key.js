// The OPNet access-key rule (README "Access key (OPNet)"), run only in the browser: OP_WALLET signs
// SHA-256(access-key message) with ECDSA (signData(hex, "ecdsa"), RFC 6979 in the SDK's signer), the page checks the
// signature against the wallet's own public key, normalises it to low-s, asks for it a second time and requires
// both to be byte-identical, then k = SHA-256("blockhost-access-key" ‖ r ‖ s) mod n (0 refused), K = k·G compressed.
// Nothing here sends a key anywhere; the secret stays in the caller's memory.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const N = secp256k1.Point.CURVE().n;
const DOMAIN = utf8ToBytes('blockhost-access-key');
const NETWORKS = ['mainnet', 'testnet', 'regtest'];

/** A refusal the page shows as it is: it says what happened and what to do next. */
export class AccessKeyRefused extends Error {}

/** The exact access-key text (lines joined by LF, no trailing newline) for this host, network and credential contract. */
export function accessKeyMessage(host, network, credential) {
  if (!host || /[\r\n]/.test(host)) {
    throw new Error('the host name must be one non-empty line');
  }
  if (!NETWORKS.includes(network)) {
    throw new Error('the network must be mainnet, testnet or regtest');
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(String(credential))) {
    throw new Error('the credential contract must be an OPNet address (0x + 64 hex)');
  }
  return ['BlockHost access key', 'Host: ' + host, 'Chain ID: opnet:' + network,
    'Contract: ' + credential.toLowerCase(), 'Version: 1'].join('\n');
}

function toBigInt(bytes) {
  return BigInt('0x' + bytesToHex(bytes));
}

function word(value) {
  return hexToBytes(value.toString(16).padStart(64, '0'));
}

/** The key pair from the 32-byte hash of the domain, r and s: k = hash mod n, refused when 0; K = k·G compressed. */
export function keyFromHash(hash) {
  const k = toBigInt(hash) % N;
  if (k === 0n) {
    throw new AccessKeyRefused('This signature gives no usable access key. Nothing was sent; sign again, or use another wallet.');
  }
  const secret = word(k);
  return { secret, publicKey: '0x' + bytesToHex(secp256k1.getPublicKey(secret, true)) };
}

/** The key pair from a checked, low-s signature (64 bytes r ‖ s). */
export function keyFromSignature(compact) {
  return keyFromHash(sha256(concatBytes(DOMAIN, compact)));
}

/** The wallet's answer as a low-s 64-byte signature that verifies for `publicKey` over `digest`; throws AccessKeyRefused. */
export function checkedSignature(answer, digest, publicKey) {
  const hex = String(answer).replace(/^0x/, '').toLowerCase();
  if (!/^[0-9a-f]{128}$/.test(hex)) {
    throw new AccessKeyRefused('OP_WALLET did not give an ECDSA signature (64 bytes). No access key was made; '
      + 'press the button again, or update OP_WALLET.');
  }
  let sig;
  try {
    sig = secp256k1.Signature.fromBytes(hexToBytes(hex), 'compact');
  } catch (e) {
    sig = null;
  }
  if (!sig || sig.r === 0n || sig.s === 0n || !secp256k1.verify(sig.toBytes('compact'), digest, publicKey,
    { prehash: false, lowS: false })) {
    throw new AccessKeyRefused('The signature OP_WALLET gave does not verify for its own public key, so it cannot make '
      + 'your access key. Nothing was sent; switch to the account you buy with in OP_WALLET and try again.');
  }
  const s = sig.s > N / 2n ? N - sig.s : sig.s;
  return concatBytes(word(sig.r), word(s));
}

/**
 * Asks OP_WALLET (window.opnet) for the access key of `message`: two ECDSA signatures over SHA-256(message), both
 * checked against getPublicKey() and required to be identical. Resolves with { secret (32 B), publicKey ("0x" + 33 B
 * compressed hex), walletKey (the wallet's public key, hex) }; rejects with AccessKeyRefused.
 */
export async function deriveAccessKey(provider, message, onSecond = () => {}) {
  if (!provider || typeof provider.signData !== 'function' || typeof provider.getPublicKey !== 'function') {
    throw new AccessKeyRefused('No OP_WALLET found in this browser. Install OP_WALLET, unlock it and reload the page.');
  }
  const walletKey = String(await provider.getPublicKey()).replace(/^0x/, '').toLowerCase();
  if (!/^(0[23][0-9a-f]{64}|04[0-9a-f]{128})$/.test(walletKey)) {
    throw new AccessKeyRefused('OP_WALLET did not give its public key. Unlock OP_WALLET, connect again and retry.');
  }
  const publicKey = hexToBytes(walletKey);
  const digest = sha256(utf8ToBytes(message));
  const first = checkedSignature(await provider.signData(bytesToHex(digest), 'ecdsa'), digest, publicKey);
  onSecond();
  const second = checkedSignature(await provider.signData(bytesToHex(digest), 'ecdsa'), digest, publicKey);
  if (bytesToHex(first) !== bytesToHex(second)) {
    throw new AccessKeyRefused('OP_WALLET gave two different signatures for the same message: it does not sign '
      + 'deterministically, so it could not make the same access key again to open your server\'s details later. '
      + 'Nothing was sent; use a wallet that signs ECDSA deterministically (RFC 6979).');
  }
  second.fill(0);
  const key = keyFromSignature(first);
  first.fill(0);
  return { ...key, walletKey };
}
