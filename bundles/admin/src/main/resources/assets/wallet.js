// Host wallet: address and balances (read-only). The treasury lists the native coin first (gas: 4
// significant digits), then the payment tokens (stablecoins: 2 decimals).
import { el, address } from '/kit/dom.js';
import { api, start } from '/admin/assets/console.js';

/** A decimal string of the smallest unit as a number of whole units (display only). */
function units(amount, decimals) {
  const s = amount.padStart(decimals + 1, '0');
  return Number(`${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals) || '0'}`);
}

function format(b, native) {
  const n = units(b.amount, b.decimals);
  const text = native ? Number(n.toPrecision(4)).toString() : n.toFixed(2);
  return `${text} ${b.asset}`;
}

let last = null;
await start(async (content) => {
  const r = await api('wallet');
  if (r.status !== 200) {
    content.replaceChildren(el('p', { class: 'bh-warn' }, r.body.error || 'The wallet cannot be read right now.'));
    last = null;
    return;
  }
  const signature = JSON.stringify(r.body);
  if (signature === last) return;
  last = signature;
  content.replaceChildren(
    el('p', {}, `${r.body.engine} host wallet: `, address(r.body.address, 'host wallet address')),
    el('dl', { class: 'bh-tiles' }, r.body.balances.map((b, i) => el('div', { class: 'bh-tile' },
      el('dt', {}, i === 0 ? `${b.asset} (pays gas)` : `${b.asset} (payment token)`), el('dd', {}, format(b, i === 0))))),
    el('p', { class: 'bh-hint' }, 'Sending and withdrawing are not on this page yet: use ', el('code', {}, 'blockhost wallet'),
      ' on the host.'));
}, 15000);
