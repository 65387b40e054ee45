// My servers under the OPNet engine (/servers): the credential tokens the connected OP_WALLET account holds (its
// OPNet address = SHA-256 of its ML-DSA public key), read through the host's /api/public/servers; their details
// opened in this page with the access key (access-key.js: two deterministic ECDSA signatures) through the kit's
// ECIES, shown with the kit's details renderer. Nothing that derives the key leaves the browser.
import { sha256 } from '@noble/hashes/sha2.js';
import { el, copyButton, when } from '/kit/dom.js';
import { renderDetails } from '/kit/details.js';
import { accessKeyMessage, deriveAccessKey, AccessKeyRefused } from './access-key.js';
import { openCredentials } from './credentials.js';
import { $, say, api, ownerAddress, payingSteps, plain as explain } from './page.js';
import { money as formatMoney } from './units.js';

const state = { chain: null, offer: null, owner: null, cards: [] };
const plain = (e) => explain(e, [AccessKeyRefused],
  'Something went wrong. Nothing was signed or sent; reload the page and try again.');

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
    el('p', { class: 'bh-state' }, stateText(s)), renewal(s), el('div', { class: 'bh-out' }));
}

const money = (units) => formatMoney(units, state.offer.token);

/** "Renew" for a subscription that is not cancelled and whose plan is on sale: days, total, extendSubscription. */
function renewal(s) {
  const plan = state.offer && state.offer.plans.find((p) => p.id === s.planId && p.active);
  if (s.cancelled || !plan) {
    return null;
  }
  const id = 'renew-days-' + s.tokenId;
  const input = el('input', { id, type: 'number', inputmode: 'numeric', min: '1', max: '3650', value: '30' });
  const total = el('span', {});
  const button = el('button', { type: 'button', class: 'bh-button' }, 'Renew');
  const status = el('p', { class: 'bh-status', role: 'status', 'aria-live': 'polite', hidden: true });
  const bar = el('progress', { max: '5', value: '0', hidden: true, 'aria-label': 'Renewal progress of NFT #' + s.tokenId });
  const days = () => (Number.isInteger(Number(input.value)) && input.value >= 1 && input.value <= 3650 ? Number(input.value) : null);
  const update = () => {
    total.textContent = days() ? 'Total: ' + money(BigInt(plan.pricePerDay) * BigInt(days())) : 'Enter 1 to 3650 days.';
    button.disabled = !days();
  };
  input.addEventListener('input', update);
  button.addEventListener('click', () => renew(s, days(), BigInt(plan.pricePerDay) * BigInt(days()), button, { bar, status }));
  update();
  return el('div', { class: 'bh-renew' }, el('label', { for: id }, 'Renew for (days)'), input, total, button, bar, status);
}

/** Each step of a renewal: its place on the progress bar (of 5) and its words. */
const RENEW_STEPS = payingSteps((units) => money(units), 'renewal',
  (_, t) => `Step 2 of 2: confirm the renewal in OP_WALLET (${money(t)}).`);

/** extendSubscription(subscription, days, total) after an exact approval, through OP_WALLET (writes.js, loaded now). */
async function renew(s, days, total, button, { bar, status }) {
  button.disabled = true;
  try {
    say(status, 'Loading the OPNet transaction module…', 'info');
    const writes = await import('/opnet-sign/writes.js');
    bar.hidden = false;
    const txid = await writes.extendSubscription(window.opnet, state.chain, state.offer.token, s.subscriptionId, days, total,
      (step, id) => {
        const [value, words] = RENEW_STEPS[step];
        bar.value = value;
        say(status, words(id, total), 'info');
      });
    say(status, `Renewed in ${txid} for ${days} days. The new expiry shows here once a block holds it: reload this page `
      + 'in a few minutes.', 'ok');
  } catch (e) {
    bar.hidden = true; // nothing is under way any more
    say(status, plain(e), 'error');
    button.disabled = false;
  }
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
    [state.chain, state.offer] = await Promise.all([api('/api/public/chain'), api('/api/public/plans').catch(() => null)]);
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    $('connect').disabled = false;
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
  }
}

$('connect').addEventListener('click', onConnect);
$('unlock').addEventListener('click', onUnlock);
start();
