// The connection details sealed to an OPNet buyer's access key K (README "Access key (OPNet)"), opened in the
// browser with the secret k from access-key.js: the kit's ECIES (/kit/ecies.js, shared with the EVM pages) with
// the shared point from the bundled noble curve. Nothing leaves the browser.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { eciesDecrypt, decryptCredentials } from '/kit/ecies.js';

const sharedPointOf = (secret) => (ephemeral) => secp256k1.getSharedSecret(secret, ephemeral, false);

/** The plaintext bytes sealed to K = secret·G; rejects on tampering or another key. */
export function openSealed(secret, sealed) {
  return eciesDecrypt(sharedPointOf(secret), sealed);
}

/** DESIGN.md's credentials JSON (v = 1) sealed to K = secret·G; rejects when it does not open or is not that JSON. */
export function openCredentials(secret, sealed) {
  return decryptCredentials(sharedPointOf(secret), sealed);
}
