import { u256 } from '@btc-vision/as-bignum/assembly';
import { Revert, SafeMath } from '@btc-vision/btc-runtime/runtime';

/** secp256k1 field prime p. */
const P: u256 = u256.fromString('115792089237316195423570985008687907853269984665640564039457584007908834671663');
/** (p − 1) / 2, Euler's criterion exponent. */
const HALF: u256 = u256.fromString('57896044618658097711785492504343953926634992332820282019728792003954417335831');
const SEVEN: u256 = u256.fromU64(7);

function modPow(base: u256, exponent: u256, m: u256): u256 {
    let result = u256.One;
    let b = SafeMath.mod(base, m);
    const e = exponent.toUint8Array(true);
    for (let i: i32 = 0; i < 32; i++) {
        const byte = e[i];
        for (let bit: i32 = 7; bit >= 0; bit--) {
            result = SafeMath.mulmod(result, result, m);
            if (((byte >> u8(bit)) & 1) == 1) {
                result = SafeMath.mulmod(result, b, m);
            }
        }
    }
    return result;
}

/**
 * True when the 33 bytes are a compressed secp256k1 point: prefix 02/03, x < p and x³ + 7 a square
 * mod p (Euler's criterion; secp256k1 has no point with y = 0, so x³ + 7 is never 0).
 */
export function isCompressedPoint(key: Uint8Array): bool {
    if (key.length != 33) return false;
    const prefix = key[0];
    if (prefix != 2 && prefix != 3) return false;
    const x = u256.fromUint8ArrayBE(key.subarray(1));
    if (x >= P) return false;
    const rhs = SafeMath.mod(SafeMath.add(SafeMath.mulmod(SafeMath.mulmod(x, x, P), x, P), SEVEN), P);
    return modPow(rhs, HALF, P) == u256.One;
}

/** Reverts InvalidAccessKey unless the key is a compressed secp256k1 point. */
export function requireAccessKey(key: Uint8Array): void {
    if (!isCompressedPoint(key)) throw new Revert('InvalidAccessKey');
}
