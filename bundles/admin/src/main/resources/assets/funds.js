// The fund manager panel of the wallet page: settings, the last run with its transfers, a dry run
// (what a run would send now) and "run now" behind a typed confirmation. Runs go on in the
// background in core; the panel shows their transfers as the status is polled.
import { el, address, badge, when } from '/kit/dom.js';
import { confirmAction } from '/kit/dialog.js';
import { toast } from '/kit/toast.js';
import { api } from '/admin/assets/console.js';
import { money } from '/admin/assets/money.js';

const STATES = { done: 'ok', paid: 'ok', held: 'warn', open: 'info', planned: 'info', signed: 'info', failed: 'error', refused: 'error' };

function settings(s, wallet) {
  const coin = wallet && wallet.balances.length > 0 ? wallet.balances[0].asset : 'of the chain\'s coin';
  const shares = Object.entries(s.shares).map(([role, bp]) => `${role} ${bp / 100} %`).join(', ') || 'none';
  return el('dl', { class: 'bh-tiles' },
    el('div', { class: 'bh-tile' }, el('dt', {}, 'Scheduled runs'), el('dd', {}, s.enabled ? `every ${s.intervalMinutes} min` : 'off')),
    el('div', { class: 'bh-tile' }, el('dt', {}, 'Revenue shares'), el('dd', {}, shares)),
    el('div', { class: 'bh-tile' }, el('dt', {}, 'The rest goes to'), el('dd', {}, s.remainderRole)),
    el('div', { class: 'bh-tile' }, el('dt', {}, 'Gas the host wallet keeps'), el('dd', {}, `${s.gasThreshold} ${coin}`)));
}

/** A transfer's amount formatted with its asset's decimals from the wallet's balances, when known. */
function amountOf(t, wallet) {
  const i = wallet ? wallet.balances.findIndex((b) => b.asset === t.asset) : -1;
  return i < 0 ? `${t.amount} ${t.asset} (smallest unit)` : money(t.amount, wallet.balances[i].decimals, t.asset, i === 0);
}

function lastRun(run, wallet) {
  if (!run) return el('p', {}, 'No run yet. A dry run shows what a run would send.');
  const rows = run.transfers.map((t) => el('tr', {}, el('td', {}, t.kind), el('td', {}, t.role), el('td', {}, address(t.to, `${t.role} address`)),
    el('td', { class: 'bh-num' }, amountOf(t, wallet)), el('td', {}, badge(t.state, STATES[t.state]))));
  return el('div', {},
    el('p', {}, `Last run ${run.run}, started ${when(run.started)}: `, badge(run.state, STATES[run.state]), ' ', el('span', { class: 'bh-mono' }, run.detail || '')),
    rows.length === 0 ? el('p', {}, 'It sent nothing.') : el('div', { class: 'bh-table-wrap', tabindex: '0', role: 'region', 'aria-label': `Transfers of run ${run.run}` }, el('table', { class: 'bh-table' },
      el('caption', {}, `Transfers of run ${run.run}`),
      el('thead', {}, el('tr', {}, ['Kind', 'Role', 'To', 'Amount', 'State'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))));
}

/** The panel: {section, refresh}; `walletOf()` gives the wallet page's balances (decimals per asset) or null. */
export function fundsPanel(walletOf) {
  const body = el('div', { 'aria-live': 'polite' });
  const preview = el('ul', { id: 'funds-dry-run', 'aria-label': 'Dry run: what a run would do now' });
  const dry = el('button', { type: 'button', class: 'bh-button' }, 'Dry run');
  const run = el('button', { type: 'button', class: 'bh-button bh-primary' }, 'Run now…');
  dry.addEventListener('click', async () => {
    const r = await api('funds/dry-run', { method: 'POST', body: {} });
    if (r.status !== 200) { toast(r.body.error || 'The dry run failed; nothing was sent.', 'error'); return; }
    preview.replaceChildren(...r.body.lines.map((l) => el('li', { class: 'bh-mono' }, l)));
  });
  run.addEventListener('click', async () => {
    const ok = await confirmAction({ title: 'Run the fund manager now?', confirmLabel: 'Run', typed: 'run', lines: [
      'It withdraws the revenue, pays the shares and sends the rest, as the dry run shows.', 'Transfers cannot be undone.'] });
    if (!ok) return;
    const r = await api('funds/run', { method: 'POST', body: { confirm: 'run' } });
    toast(r.status === 202 ? 'Run started. Its transfers show here as the chain includes them.' : (r.body.error || 'The run did not start.'),
      r.status === 202 ? 'ok' : 'error');
  });
  const section = el('section', { id: 'funds', 'aria-labelledby': 'funds-title' }, el('h2', { id: 'funds-title' }, 'Fund manager'),
    el('p', {}, 'Withdraws the revenue to the host wallet, pays the revenue shares by role and sends the rest on. '
      + 'Shares need the contract\'s payout address to be the host wallet.'), body,
    el('div', { class: 'bh-actions' }, dry, run), preview);
  let last = null;
  async function refresh() {
    const r = await api('funds').catch(() => null);
    if (!r || r.status !== 200) {
      body.replaceChildren(el('p', { class: 'bh-warn' }, (r && r.body.error) || 'The fund manager cannot be read right now.'));
      last = null;
      return;
    }
    const signature = JSON.stringify(r.body) + (walletOf() ? 'w' : '');
    if (signature === last) return;
    last = signature;
    run.disabled = r.body.running;
    body.replaceChildren(settings(r.body, walletOf()), r.body.running ? el('p', {}, badge('running', 'info')) : '', lastRun(r.body.runs[0], walletOf()));
  }
  return { section, refresh };
}
