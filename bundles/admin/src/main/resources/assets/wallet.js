// Host wallet: address and balances, then two actions through the host's one sender: send gas to an
// address, and withdraw the contract's revenue to its payout address. Each asks for a typed
// confirmation, then shows the transaction's hash and state until it is confirmed or failed.
import { el, address, badge } from '/kit/dom.js';
import { confirmAction } from '/kit/dialog.js';
import { toast } from '/kit/toast.js';
import { api, start } from '/admin/assets/console.js';
import { fundsPanel } from '/admin/assets/funds.js';
import { money } from '/admin/assets/money.js';

function format(b, native) {
  return money(b.amount, b.decimals, b.asset, native);
}

let wallet = null;
const balances = el('div');
const txList = el('ul', { id: 'transactions' });
const txSection = el('section', { 'aria-labelledby': 'tx-title', hidden: true },
  el('h2', { id: 'tx-title' }, 'Transactions'), el('div', { 'aria-live': 'polite' }, txList));

/** Shows a transaction and follows its state every 2 seconds until it is confirmed or failed. */
function follow(what, hash) {
  const state = el('span', {}, badge('pending', 'info'));
  txList.prepend(el('li', {}, `${what}: `, address(hash, 'transaction hash'), ' ', state));
  txSection.hidden = false;
  const timer = setInterval(async () => {
    const r = await api(`wallet/tx/${hash}`).catch(() => null);
    if (!r || r.status !== 200) return;
    if (r.body.state === 'confirmed') {
      state.replaceChildren(badge(`confirmed (${r.body.confirmations} blocks)`, 'ok'));
      if (r.body.confirmations >= 2) clearInterval(timer);
    } else if (r.body.state === 'failed') {
      state.replaceChildren(badge('failed: the chain reverted it', 'error'));
      clearInterval(timer);
    }
  }, 2000);
}

async function post(what, path, body) {
  const r = await api(path, { method: 'POST', body });
  if (r.status !== 200) return r.body.error || 'The server refused the transaction. Reload the page and try again.';
  follow(what, r.body.transaction);
  toast(`${what}: sent. Waiting for the chain to include it — usually a few seconds.`);
  return null;
}

function field(id, label, hint, attrs = {}) {
  return el('div', { class: 'bh-form' }, el('label', { for: id }, label), el('p', { class: 'bh-hint', id: `${id}-hint` }, hint),
    el('input', { id, name: id, required: true, autocomplete: 'off', 'aria-describedby': `${id}-hint`, ...attrs }));
}

function sendForm() {
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'send-error' });
  const form = el('form', { id: 'send-form', 'aria-labelledby': 'send-title' }, el('h2', { id: 'send-title' }, 'Send gas'),
    el('p', {}, 'Send the chain\'s coin from the host wallet to another address, for example to fund a second host.'),
    field('send-to', 'To address', 'The full 0x address; check it twice, a transfer cannot be undone.', { class: 'bh-mono', spellcheck: 'false' }),
    field('send-amount', 'Amount', 'In the chain\'s coin, for example 0.05.', { inputmode: 'decimal' }), error,
    el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' }, 'Send…')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const asset = wallet ? wallet.balances[0].asset : '';
    const to = form.querySelector('#send-to').value.trim();
    const amount = form.querySelector('#send-amount').value.trim();
    const ok = await confirmAction({ title: `Send ${amount} ${asset}?`, confirmLabel: 'Send', danger: true, typed: amount,
      lines: [`${amount} ${asset} leave the host wallet for ${to}. A transfer cannot be undone.`,
        'The host wallet pays the gas for its purchases and renewals: keep enough in it.'] });
    if (!ok) return;
    error.textContent = (await post(`Send ${amount} ${asset}`, 'wallet/send', { asset, to, amount, confirm: amount })) || '';
  });
  return form;
}

function withdrawForm() {
  const payout = el('span');
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'withdraw-error' });
  const form = el('form', { id: 'withdraw-form', 'aria-labelledby': 'withdraw-title' },
    el('h2', { id: 'withdraw-title' }, 'Withdraw revenue'),
    el('p', {}, 'Buyers\' payments stay in the subscriptions contract. Withdrawing moves all of them to the contract\'s payout '
      + 'address, which only the owner (admin) wallet can change: ', payout), error,
    el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' }, 'Withdraw…')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ok = await confirmAction({ title: 'Withdraw all revenue?', confirmLabel: 'Withdraw', typed: 'withdraw', lines: [
      `Everything the contract collected goes to ${wallet && wallet.payout ? wallet.payout : 'its payout address'}.`,
      'Running subscriptions are not affected.'] });
    if (!ok) return;
    error.textContent = (await post('Withdraw revenue', 'wallet/withdraw', { confirm: 'withdraw' })) || '';
  });
  form.payout = payout;
  return form;
}

let last = null;
let withdraw = null;
const funds = fundsPanel(() => wallet);
await start(async (content) => {
  const r = await api('wallet');
  if (!withdraw) {
    withdraw = withdrawForm();
    content.replaceChildren(balances, sendForm(), withdraw, txSection, funds.section);
  }
  if (r.status === 200) wallet = r.body;
  await funds.refresh();
  if (r.status !== 200) {
    balances.replaceChildren(el('p', { class: 'bh-warn' }, r.body.error || 'The wallet cannot be read right now.'));
    last = null;
    return;
  }
  const signature = JSON.stringify(r.body);
  if (signature === last) return;
  last = signature;
  wallet = r.body;
  withdraw.payout.replaceChildren(r.body.payout ? address(r.body.payout, 'payout address') : 'unknown.');
  balances.replaceChildren(
    el('p', {}, `${r.body.engine} host wallet: `, address(r.body.address, 'host wallet address')),
    el('dl', { class: 'bh-tiles' }, r.body.balances.map((b, i) => el('div', { class: 'bh-tile' },
      el('dt', {}, i === 0 ? `${b.asset} (pays gas)` : `${b.asset} (payment token)`), el('dd', {}, format(b, i === 0))))));
}, 15000);
