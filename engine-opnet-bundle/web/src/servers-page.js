// My servers under the OPNet engine (/servers): the credential tokens the connected OP_WALLET account holds (its
// OPNet address = SHA-256 of its ML-DSA public key), read through the host's /api/public/servers; their details
// opened in this page with the access key (access-key.js: two deterministic ECDSA signatures) through the kit's
// ECIES, shown with the kit's details renderer. Nothing that derives the key leaves the browser.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { el, copyButton, when } from '/kit/dom.js';
import { renderDetails } from '/kit/details.js';
import { accessKeyMessage, deriveAccessKey, AccessKeyRefused } from './access-key.js';
import { openCredentials } from './credentials.js';
import { $, say, plain as explain } from './page.js';

const ML_DSA_KEY_BYTES = [1312, 1952, 2592]; // ML-DSA-44, -65, -87
const state = { chain: null, owner: null, cards: [] };
const plain = (e) => explain(e, [AccessKeyRefused],
  'Something went wrong. Nothing was signed or sent; reload the page and try again.');

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `The host did not answer (HTTP ${response.status}). Reload the page in a minute.`);
  }
  return body;
}

/** The connected account's OPNet address: 0x + SHA-256 of its ML-DSA public key. */
async function ownerAddress(provider) {
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

function stateText(s) {
  const expires = new Date(s.expiresAt * 1000).toISOString();
  if (s.cancelled) {
    return 'Cancelled.';
  }
  return s.expiresAt * 1000 > Date.now() ? 'Active: expires ' + when(expires) + '.'
    : 'Expired ' + when(expires) + ': suspended (disk kept) until it is renewed or deleted after the grace period.';
}

function copyable(label, text) {
  return el('div', { class: 'bh-signature' }, el('pre', { tabindex: '0', 'aria-label': label }, text), copyButton(text, label));
}

function card(s) {
  return el('section', { class: 'bh-server', 'aria-label': 'Server of NFT #' + s.tokenId, 'data-token': String(s.tokenId) },
    el('h2', {}, `NFT #${s.tokenId} · subscription #${s.subscriptionId} · plan ${s.planId}`),
    el('p', { class: 'bh-state' }, stateText(s)), el('div', { class: 'bh-out' }));
}

/** What a card shows once the key is known: the details, or why not and what to do. */
async function open(s, box, key) {
  const out = box.querySelector('.bh-out');
  if (!s.credentials) {
    out.replaceChildren(el('p', { class: 'bh-info' }, 'The host has not sealed the details yet. Reload this page in a minute.'));
    return;
  }
  try {
    out.replaceChildren(renderDetails(await openCredentials(key.secret, s.credentials), { sha256, copyable }));
    return;
  } catch (e) {
    // sealed to another key: the token came by transfer, or the host has not re-sealed yet
  }
  if ('0x' + s.accessKey === key.publicKey) {
    out.replaceChildren(el('p', { class: 'bh-info' }, 'Your access key is registered; the host has not sealed the details '
      + 'to it yet. Reload this page in a minute.'));
    return;
  }
  const status = el('p', { class: 'bh-status', role: 'status', 'aria-live': 'polite', hidden: true });
  const button = el('button', { type: 'button', class: 'bh-button bh-primary' }, 'Register my key');
  button.addEventListener('click', () => register(s, key, button, status));
  out.replaceChildren(el('p', { class: 'bh-warn' }, 'The details of this server are sealed to another wallet\'s key: you '
    + 'probably received its NFT by transfer. Register your own access key for it (one OPNet transaction signed in '
    + 'OP_WALLET; you pay only the Bitcoin network fee), then the host seals the details again for you. Your access key:'),
  copyable('access key', key.publicKey), el('div', { class: 'bh-actions-row' }, button), status);
}

const REGISTER_STEPS = {
  simulating: () => 'Checking the transaction with the chain…',
  wallet: () => 'Confirm the transaction in OP_WALLET: it registers your access key for this NFT.',
  sent: (txid) => `Sent in ${txid}. Waiting for a block to confirm it (about ten minutes); keep this page open.`,
  confirmed: (txid) => `Registered in ${txid}. The host now seals this server's details to your key: reload this page `
    + 'in a few minutes to see them.',
};

/** "Register my key": setAccessKey(token, K) through OP_WALLET (writes.js, loaded now), its progress in `status`. */
async function register(s, key, button, status) {
  button.disabled = true;
  try {
    say(status, 'Loading the OPNet transaction module…', 'info');
    const { registerAccessKey } = await import('/opnet-sign/writes.js');
    await registerAccessKey(window.opnet, state.chain, s.tokenId, key.publicKey.replace(/^0x/, ''),
      (step, txid) => say(status, REGISTER_STEPS[step](txid), step === 'confirmed' ? 'ok' : 'info'));
    button.hidden = true;
  } catch (e) {
    say(status, plain(e), 'error');
    button.disabled = false;
  }
}

async function onUnlock() {
  $('unlock').disabled = true;
  try {
    say($('wallet-status'), 'Sign the access-key message in OP_WALLET. It costs nothing and sends no transaction; it '
      + 'recreates the key your servers\' details are sealed to.', 'info');
    const message = accessKeyMessage(state.chain.host, state.chain.network, state.chain.credential);
    const key = await deriveAccessKey(window.opnet, message, () => say($('wallet-status'), 'Sign the same message once '
      + 'more: two identical signatures prove OP_WALLET makes the same key every time.', 'info'));
    for (const [s, box] of state.cards) {
      await open(s, box, key);
    }
    say($('wallet-status'), 'Details unlocked in this page only; nothing left your browser.', 'ok');
    $('unlock').hidden = true;
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('unlock').disabled = false;
  }
}

async function onConnect() {
  $('connect').disabled = true;
  try {
    say($('wallet-status'), 'Approve the connection in OP_WALLET.', 'info');
    state.owner = await ownerAddress(window.opnet);
    say($('wallet-status'), 'Connected: ' + state.owner + '. Reading your servers…', 'info');
    const { servers } = await api('/api/public/servers?owner=' + state.owner);
    $('connect').hidden = true;
    if (servers.length === 0) {
      $('servers').replaceChildren(el('p', { class: 'bh-info' }, 'No servers yet for this wallet. Buy one on the home page.'));
      say($('wallet-status'), 'Connected: ' + state.owner + '.', 'ok');
      return;
    }
    state.cards = servers.map((s) => [s, card(s)]);
    $('servers').replaceChildren(...state.cards.map(([, box]) => box));
    say($('wallet-status'), `Connected: ${state.owner}. ${servers.length} server${servers.length === 1 ? '' : 's'}.`, 'ok');
    $('unlock').hidden = false;
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('connect').disabled = false;
  }
}

async function start() {
  try {
    state.chain = await api('/api/public/chain');
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    $('connect').disabled = false;
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
  }
}

$('connect').addEventListener('click', onConnect);
$('unlock').addEventListener('click', onUnlock);
start();
