// Access-key test vectors, computed here from the curve equation (not copied).
const P = 2n ** 256n - 2n ** 32n - 977n;
const pow = (b, e, m) => { let r = 1n; b %= m; for (; e > 0n; e >>= 1n) { if (e & 1n) r = (r * b) % m; b = (b * b) % m; } return r; };
const isSquare = (v) => pow(v, (P - 1n) / 2n, P) === 1n;
const key = (prefix, x) => Buffer.concat([Buffer.from([prefix]), Buffer.from(x.toString(16).padStart(64, '0'), 'hex')]);

/** The generator, compressed: a valid access key. */
export const G = key(2, 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n);
/** The smallest x whose x³ + 7 is not a square mod p: no point has it. */
let x = 1n;
while (isSquare((x * x * x + 7n) % P)) x++;
export const NOT_ON_CURVE = key(3, x);
/** x = p + 1 ≥ p (p + 1 itself would be a valid x mod p): refused by the range check alone. */
export const X_TOO_BIG = key(2, P + 1n);
/** Another valid key: 2·G's x (02 prefix chosen freely, both parities are points). */
export const VALID_2 = key(3, 0xc6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5n);
