// Plans: the plans on chain (price per day, on sale or retired); create, change a price, retire.
// The host sends a change itself while it owns the contracts; after setup they belong to the admin
// wallet, so the page asks the signed-in wallet to send the transaction the host prepared.
import { el, badge, address } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { confirmAction } from '/kit/dialog.js';
import { toast } from '/kit/toast.js';
import { Wallet } from '/kit/wallet.js';
import { api, start } from '/admin/assets/console.js';

let page;
let table;
const txList = el('ul', { id: 'transactions' });
const txSection = el('section', { 'aria-labelledby': 'tx-title', hidden: true },
  el('h2', { id: 'tx-title' }, 'Transactions'), el('div', { 'aria-live': 'polite' }, txList));

/** A transaction line: what, hash (short, copyable) and its state, updated in place. */
function track(what, hash) {
  const state = el('span', {}, badge('pending', 'info'));
  txList.prepend(el('li', {}, `${what}: `, address(hash, 'transaction hash'), ' ', state));
  txSection.hidden = false;
  return (s, kind) => state.replaceChildren(badge(s, kind));
}

async function waitForReceipt(wallet, hash) {
  for (let i = 0; i < 120; i += 1) {
    const receipt = await wallet.call('eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt.status === '0x1';
    await new Promise((r) => { setTimeout(r, 1000); });
  }
  return null;
}

/** The host prepared the call for the owner wallet: explain, then ask the connected wallet to send it. */
async function sendFromOwner(what, outcome) {
  const ok = await confirmAction({ title: 'Send with your admin wallet', confirmLabel: 'Open my wallet', lines: [
    `The plans belong to the owner wallet ${outcome.owner}, so the host cannot change them on its own.`,
    'Your wallet will ask you to send one transaction to the subscriptions contract. It costs a little gas and changes '
      + 'nothing else.'] });
  if (!ok) { toast('Nothing was sent.'); return; }
  let wallet;
  try {
    wallet = await Wallet.connect();
    if (wallet.account.toLowerCase() !== outcome.owner.toLowerCase()) {
      toast(`Your wallet uses ${wallet.account}; switch it to the owner wallet ${outcome.owner} and try again.`, 'error');
      return;
    }
    const hash = await wallet.sendTransaction({ to: outcome.to, data: outcome.data });
    const set = track(what, hash);
    toast('Sent. Waiting for the chain to include it — usually a few seconds.');
    const mined = await waitForReceipt(wallet, hash);
    if (mined === true) { set('confirmed', 'ok'); toast(`${what}: confirmed.`); }
    else if (mined === false) { set('failed', 'error'); toast(`${what}: the contract refused it; nothing changed.`, 'error'); }
    else set('still pending', 'warn');
  } catch (e) {
    toast(e.message || 'The wallet reported a problem. Nothing was changed.', 'error');
  }
  await page.refresh();
}

/**
 * Sends a change to the API. A refusal comes back as a sentence (the form shows it inline and stays
 * open); otherwise close() and either show the host's transaction or hand the call to the wallet.
 */
async function change(what, path, body, close = () => {}) {
  const r = await api(path, { method: 'POST', body });
  if (r.status !== 200) return r.body.error || 'The server refused the change. Reload the page and try again.';
  close();
  if (r.body.sent) {
    track(what, r.body.transaction)('confirmed', 'ok');
    toast(`${what}: done.`);
    await page.refresh();
  } else {
    await sendFromOwner(what, r.body);
  }
  return null;
}

/** A dialog with labelled fields; submit(values) resolves to an error sentence (shown inline) or null. */
function formDialog(title, fields, submitLabel, submit) {
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'plan-form-error' });
  const inputs = fields.map((f) => el('input', { id: `plan-${f.name}`, name: f.name, value: f.value ?? '', required: true,
    autocomplete: 'off', inputmode: f.inputmode, 'aria-describedby': `plan-${f.name}-hint plan-form-error` }));
  const rows = fields.map((f, i) => el('div', { class: 'bh-form' }, el('label', { for: `plan-${f.name}` }, f.label),
    el('p', { class: 'bh-hint', id: `plan-${f.name}-hint` }, f.hint), inputs[i]));
  const ok = el('button', { type: 'submit', class: 'bh-button bh-primary' }, submitLabel);
  const dialog = el('dialog', { class: 'bh-dialog', 'aria-labelledby': 'plan-form-title' },
    el('form', { method: 'dialog' }, el('h2', { id: 'plan-form-title' }, title), rows, error,
      el('div', { class: 'bh-actions' }, el('button', { type: 'button', class: 'bh-button', onclick: () => dialog.close() },
        'Cancel'), ok)));
  dialog.querySelector('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    ok.disabled = true;
    error.textContent = 'Sending…';
    const values = Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value.trim()]));
    const problem = await submit(values, () => dialog.close());
    ok.disabled = false;
    error.textContent = problem || '';
    if (problem) inputs[inputs.length - 1].setAttribute('aria-invalid', 'true');
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  inputs[0].focus();
}

const PRICE_HINT = 'US dollars a day, at most 2 decimals, for example 1.50. Buyers pay it in the stablecoin.';

function createPlan() {
  formDialog('New plan', [
    { name: 'name', label: 'Name', hint: 'What buyers see: 1 to 64 letters, digits, spaces, _ or -.' },
    { name: 'price', label: 'Price per day (USD)', hint: PRICE_HINT, inputmode: 'decimal' }], 'Create plan',
  (v, close) => change(`Create plan "${v.name}"`, 'plans', v, close));
}

function reprice(plan) {
  formDialog(`Change the price of ${plan.name}`, [
    { name: 'price', label: 'New price per day (USD)', hint: `${PRICE_HINT} Now ${plan.usdPerDay}. Running subscriptions `
      + 'keep what they paid; renewals and new purchases pay the new price.', value: plan.usdPerDay, inputmode: 'decimal' }],
  'Change price', (v, close) => change(`Plan ${plan.id} at ${v.price} USD a day`, `plans/${plan.id}/price`, v, close));
}

async function retire(plan) {
  const ok = await confirmAction({ title: `Retire ${plan.name}?`, confirmLabel: 'Retire plan', danger: true, lines: [
    `Plan ${plan.id} (${plan.name}) is taken off sale: nobody can buy it any more.`,
    'Running subscriptions keep their VMs and can still be renewed.'] });
  if (!ok) return;
  const problem = await change(`Retire plan ${plan.id}`, `plans/${plan.id}/retire`, {});
  if (problem) toast(problem, 'error');
}

function actions(plan) {
  return el('span', { class: 'bh-actions' },
    el('button', { type: 'button', class: 'bh-button', 'aria-label': `Change the price of ${plan.name}`,
      onclick: () => reprice(plan) }, 'Price…'),
    plan.active ? el('button', { type: 'button', class: 'bh-button bh-danger', 'aria-label': `Retire ${plan.name}`,
      onclick: () => retire(plan) }, 'Retire…') : null);
}

/** The grace period setting: its own form, read once and after each save (polling leaves it alone). */
function settingsSection() {
  const input = el('input', { id: 'grace-days', name: 'grace-days', required: true, inputmode: 'decimal', autocomplete: 'off',
    'aria-describedby': 'grace-hint grace-error' });
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'grace-error' });
  const load = async () => {
    const r = await api('settings');
    if (r.status === 200) input.value = String(r.body.gracePeriodDays);
  };
  const form = el('form', { id: 'grace-form', class: 'bh-form' },
    el('label', { for: 'grace-days' }, 'Grace period (days)'),
    el('p', { class: 'bh-hint', id: 'grace-hint' }, 'How long a VM whose subscription ran out stays suspended, its disk kept, '
      + 'before it is destroyed for good. A renewal within this time resumes it. From 0 to 3650; 0.5 = 12 hours.'),
    input, error, el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const r = await api('settings', { method: 'POST', body: { gracePeriodDays: input.value.trim() } });
    if (r.status === 200) {
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      toast(`Grace period saved: ${r.body.gracePeriodDays} days. It applies from the next lifecycle check.`);
      await load();
    } else {
      error.textContent = r.body.error || 'The setting was not saved. Reload the page and try again.';
      input.setAttribute('aria-invalid', 'true');
    }
  });
  load();
  return el('section', { 'aria-labelledby': 'settings-title' }, el('h2', { id: 'settings-title' }, 'Settings'), form);
}

page = await start(async (content) => {
  const r = await api('plans');
  if (r.status !== 200) {
    content.replaceChildren(el('p', { class: 'bh-warn' }, r.body.error || 'The plans cannot be read right now.'));
    table = null;
    return;
  }
  if (!table) {
    const host = el('div');
    content.replaceChildren(el('p', {}, el('button', { type: 'button', class: 'bh-button bh-primary', id: 'new-plan',
      onclick: createPlan }, 'New plan…')), host, txSection, settingsSection());
    table = new DataTable(host, {
      caption: 'Plans on chain', filterLabel: 'Find a plan (name, state)',
      empty: 'No plans yet. Create one: buyers can buy it once the host knows its resources (core plans setting).',
      columns: [
        { key: 'id', label: 'ID', numeric: true },
        { key: 'name', label: 'Name', header: true },
        { key: 'centsPerDay', label: 'Price per day', numeric: true, render: (p) => `${p.usdPerDay} USD / day` },
        { key: 'active', label: 'State', value: (p) => (p.active ? 'on sale' : 'retired'),
          render: (p) => badge(p.active ? 'on sale' : 'retired', p.active ? 'ok' : 'warn') },
        { key: 'actions', label: 'Actions', sortable: false, value: () => '', render: actions },
      ],
    });
  }
  table.update(r.body.plans);
}, 10000);
