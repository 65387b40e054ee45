// Shared pieces of the OPNet pages (/sign, /servers, /): status lines (the kit's say), the host's public API, the
// connected account's OPNet address and errors in plain words.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export { say } from '/kit/dom.js';

const ML_DSA_KEY_BYTES = [1312, 1952, 2592]; // ML-DSA-44, -65, -87

/** GET a JSON answer of the host's public API; a refusal carries the host's sentence. */
export async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `The host did not answer (HTTP ${response.status}). Reload the page in a minute.`);
  }
  return body;
}

/** The connected account's OPNet address: 0x + SHA-256 of its ML-DSA public key. */
export async function ownerAddress(provider) {
  if (!provider || typeof provider.requestAccounts !== 'function' || !provider.web3
    || typeof provider.web3.getMLDSAPublicKey !== 'function') {
    throw new Error('No OP_WALLET found in this browser. Install OP_WALLET, unlock it and reload the page.');
  }
  await provider.requestAccounts();
  const key = String(await provider.web3.getMLDSAPublicKey()).replace(/^0x/, '').toLowerCase();
  if (!/^([0-9a-f]{2})+$/.test(key) || !ML_DSA_KEY_BYTES.includes(key.length / 2)) {
    throw new Error('OP_WALLET did not give its ML-DSA public key. Unlock OP_WALLET and press Connect wallet again.');
  }
  return '0x' + bytesToHex(sha256(hexToBytes(key)));
}

export const $ = (id) => document.getElementById(id);

/**
 * A sentence for the page: the page's own refusals (instances of `own`) as they are, a declined request and anything
 * else from the wallet in plain words, ending with `fallback` (what to do next).
 */
export function plain(e, own, fallback) {
  if (own.some((type) => e instanceof type)) {
    return e.message;
  }
  if (e && (e.code === 4001 || /reject|denied|cancel/i.test(String(e.message)))) {
    return 'You declined the request in OP_WALLET. Nothing was signed or sent.';
  }
  if (e && typeof e.message === 'string' && /^[A-Z].*[.!]$/.test(e.message) && e.message.length < 300) {
    return e.message;
  }
  return fallback;
}

/**
 * The steps of a write paid in the token (writes.js: 'balance', 'approve:…', 'buy:…'): each step's place on a progress
 * bar of 5 and its words. `money(units)` formats an amount, `noun` names the write ("purchase", "renewal") and
 * `confirm(txid, total)` asks for it in OP_WALLET.
 */
export function payingSteps(money, noun, confirm) {
  return {
    balance: [1, () => 'Checking your balance…'],
    'approve:simulating': [2, () => 'Step 1 of 2: checking the approval…'],
    'approve:wallet': [2, (_, t) => `Step 1 of 2: confirm in OP_WALLET the approval of exactly ${money(t)} to the `
      + 'subscriptions contract.'],
    'approve:sent': [3, (id) => `Step 1 of 2: approval sent in ${id}. Waiting for a block to confirm it (about ten `
      + 'minutes); keep this page open.'],
    'approve:confirmed': [3, (id) => `Approval confirmed in ${id}.`],
    'buy:simulating': [4, () => `Step 2 of 2: checking the ${noun}…`],
    'buy:wallet': [4, confirm],
    'buy:sent': [5, () => `${noun[0].toUpperCase()}${noun.slice(1)} sent.`],
  };
}
