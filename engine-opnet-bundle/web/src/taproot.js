// The Taproot address (BIP-341 key-path output key, BIP-350 bech32m) of a wallet's public key, as
// pam_web3 (src/taproot.c) and the engine (TaprootTweak, TaprootAddress) compute it.
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, concatBytes } from '@noble/hashes/utils.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32M = 0x2bc830a3;
const N = secp256k1.Point.CURVE().n;

function polymod(values) {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    gen.forEach((g, i) => { if ((top >>> i) & 1) { chk ^= g; } });
  }
  return chk >>> 0;
}

function toWords(bytes) {
  const words = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) {
    words.push((acc << (5 - bits)) & 31);
  }
  return words;
}

/** bech32m of a witness v1 program under the prefix hrp (bc, tb, bcrt, opt). */
export function segwitV1(hrp, program) {
  const data = [1, ...toWords(program)];
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ BECH32M;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data, ...checksum].map((w) => CHARSET[w]).join('');
}

/** The x-only key of a 32-byte (x-only) or 33-byte (compressed) public key given as hex; throws on anything else. */
export function xOnly(publicKeyHex) {
  if (!/^(0[23])?[0-9a-f]{64}$/i.test(publicKeyHex)) {
    throw new Error('The wallet gave a public key that is not a Bitcoin key (33 or 32 bytes).');
  }
  const x = hexToBytes(publicKeyHex.slice(-64));
  schnorr.utils.lift_x(BigInt('0x' + bytesToHex(x))); // throws unless x is on the curve
  return x;
}

/** Q = P + H_TapTweak(x(P))·G with P the even-y point of x: the output key's x coordinate. */
export function outputKey(x) {
  const p = schnorr.utils.lift_x(BigInt('0x' + bytesToHex(x)));
  const t = BigInt('0x' + bytesToHex(schnorr.utils.taggedHash('TapTweak', x)));
  if (t >= N) {
    throw new Error('This key has no Taproot address.');
  }
  return p.add(secp256k1.Point.BASE.multiply(t)).toBytes(true).slice(1);
}

/** The Taproot address of a public key (hex) under the prefix hrp. */
export function taprootAddress(hrp, publicKeyHex) {
  return segwitV1(hrp, outputKey(xOnly(publicKeyHex)));
}

/** SHA-256 of the UTF-8 message, the digest OP_WALLET signs (MessageSigner in @btc-vision/transaction). */
export function messageDigest(message) {
  return sha256(new TextEncoder().encode(message));
}

export { bytesToHex, hexToBytes, concatBytes, schnorr };
