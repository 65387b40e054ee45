// ECIES decryption of DESIGN.md ("ECIES", the eciesjs / eciespy default on secp256k1) for the buyer pages of every
// engine: ephemeral uncompressed public key (65 B) ‖ nonce (16 B) ‖ tag (16 B) ‖ AES-256-GCM ciphertext, key =
// HKDF-SHA256(ephemeral ‖ shared point), no salt, no info. HKDF and AES-GCM run in WebCrypto; the secp256k1
// multiplication is the caller's (`sharedPoint(ephemeral)` → the 65-byte uncompressed shared point, from the
// engine's bundled curve library and the buyer's secret), so this kit module needs no library. Nothing leaves
// the browser.
const EPHEMERAL = 65;
const NONCE = 16;
const TAG = 16;

function bytesOf(data) {
  if (typeof data !== 'string') {
    return data;
  }
  const hex = data.replace(/^0x/, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) {
    throw new Error('not an ECIES message');
  }
  return Uint8Array.from(hex.match(/../g) || [], (b) => Number.parseInt(b, 16));
}

/** The plaintext bytes of an ECIES message (hex or bytes); rejects on any tampering or malformed input. */
export async function eciesDecrypt(sharedPoint, data) {
  const bytes = bytesOf(data);
  if (bytes.length < EPHEMERAL + NONCE + TAG || bytes[0] !== 4) {
    throw new Error('not an ECIES message');
  }
  const ephemeral = bytes.subarray(0, EPHEMERAL);
  const shared = sharedPoint(ephemeral);
  if (!(shared instanceof Uint8Array) || shared.length !== EPHEMERAL) {
    throw new Error('the shared point must be 65 bytes, uncompressed');
  }
  const ikm = new Uint8Array(EPHEMERAL * 2);
  ikm.set(ephemeral, 0);
  ikm.set(shared, EPHEMERAL);
  shared.fill(0);
  const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
  ikm.fill(0);
  const key = await crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(0) },
    base, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const nonce = bytes.subarray(EPHEMERAL, EPHEMERAL + NONCE);
  const tag = bytes.subarray(EPHEMERAL + NONCE, EPHEMERAL + NONCE + TAG);
  const body = bytes.subarray(EPHEMERAL + NONCE + TAG);
  const sealed = new Uint8Array(body.length + TAG);
  sealed.set(body, 0);
  sealed.set(tag, body.length);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, key, sealed));
}

/** The connection details sealed in a credential: DESIGN.md's JSON with v = 1; throws when it is not that. */
export async function decryptCredentials(sharedPoint, data) {
  const plain = await eciesDecrypt(sharedPoint, data);
  const details = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  if (!details || typeof details !== 'object' || details.v !== 1) {
    throw new Error('the credentials are not version 1');
  }
  return details;
}
