// Credentials sealed to an OPNet access key open with the key's secret through the kit's ECIES: eciesjs 0.5 (the
// DESIGN.md scheme's reference, a dev dependency) seals to the K of the SDK-signed access-key vectors; the shared
// eciesjs vector decrypts; tampering, another buyer's key and non-credentials are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encrypt } from 'eciesjs';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { deriveAccessKey } from '../src/access-key.js';
import { openCredentials, openSealed } from '../src/credentials.js';

const V = JSON.parse(readFileSync(new URL('./access-key-vectors.json', import.meta.url), 'utf8')).vectors;
const VECTORS = process.env.BLOCKHOST_VECTORS || new URL('../../../../shared/vectors/', import.meta.url).pathname;
const ECIES = JSON.parse(readFileSync(VECTORS + '/ecies/ecies_known.json', 'utf8')).generated_with_eciesjs;
const DETAILS = { v: 1, vm: 'blockhost-001', host: 'vm1.test', port: 2201, user: 'alice', hostKey: 'ssh-ed25519 AAAAC3Nz' };

const wallet = (v) => ({ async getPublicKey() { return v.publicKey; }, async signData() { return v.signature; } });

test('credentials sealed by eciesjs to the K a wallet derived open with its re-derived key, not with another', async () => {
  const mine = await deriveAccessKey(wallet(V[0]), V[0].message);
  const other = await deriveAccessKey(wallet(V[1]), V[1].message);
  const sealed = bytesToHex(encrypt(hexToBytes(mine.publicKey.slice(2)), new TextEncoder().encode(JSON.stringify(DETAILS))));
  const again = await deriveAccessKey(wallet(V[0]), V[0].message);
  assert.deepEqual(await openCredentials(again.secret, sealed), DETAILS);
  assert.deepEqual(await openCredentials(mine.secret, '0x' + sealed), DETAILS);
  await assert.rejects(openCredentials(other.secret, sealed));
  const bytes = hexToBytes(sealed);
  for (const at of [1, 70, 90, bytes.length - 1]) {
    const bad = Uint8Array.from(bytes);
    bad[at] ^= 1;
    await assert.rejects(openCredentials(mine.secret, bad));
  }
  const notJson = bytesToHex(encrypt(hexToBytes(mine.publicKey.slice(2)), new TextEncoder().encode('{"v":2}')));
  await assert.rejects(openCredentials(mine.secret, notJson), /not version 1/);
  await assert.rejects(openCredentials(mine.secret, 'zz'), /not an ECIES message/);
});

test('the shared eciesjs vector decrypts through the kit; a compressed ephemeral key is refused', async () => {
  const [uncompressed, compressed] = ECIES;
  const secret = hexToBytes(uncompressed.recipient_sk);
  assert.equal(bytesToHex(await openSealed(secret, uncompressed.ciphertext_hex)), uncompressed.plaintext_hex);
  await assert.rejects(openSealed(secret, compressed.ciphertext_hex));
});
