// Audit log: every admin action, sign-in and automatic change, newest first; older pages on demand.
import { el, when, address } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { api, start } from '/admin/assets/console.js';

const PAGE = 200;
const WALLET = /0x[0-9a-fA-F]{40}/;

// A wallet alone: shortened with a copy button; a wallet inside text ("admin 0x… from 1.2.3.4"):
// shortened in place, the full text on hover.
function actor(text) {
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return address(text, 'wallet');
  const m = text.match(WALLET);
  return el('span', { class: 'bh-mono', title: text },
    m ? text.replace(WALLET, `${m[0].slice(0, 6)}…${m[0].slice(-4)}`) : text);
}

let table;
let newest = [];
let older = [];
let more;

async function loadOlder() {
  const last = (older.length ? older : newest).at(-1);
  if (!last) return;
  const r = await api(`audit?limit=${PAGE}&before=${last.id}`);
  older = older.concat(r.body.entries || []);
  more.hidden = (r.body.entries || []).length < PAGE;
  table.update(newest.concat(older));
}

await start(async (content) => {
  const r = await api(`audit?limit=${PAGE}`);
  if (r.status !== 200) throw new Error('audit');
  if (!table) {
    const host = el('div');
    more = el('button', { type: 'button', class: 'bh-button', hidden: true, onclick: loadOlder }, 'Show older entries');
    content.replaceChildren(host, el('p', {}, more));
    table = new DataTable(host, {
      caption: 'Audit entries, newest first', filterLabel: 'Filter (wallet, VM, action, detail)',
      empty: 'No entries yet.', initialSort: { key: 'id', dir: -1 },
      columns: [
        { key: 'id', label: '#', numeric: true },
        { key: 'at', label: 'When', render: (e) => when(e.at) },
        { key: 'actor', label: 'Who', render: (e) => actor(e.actor) },
        { key: 'subject', label: 'What', render: (e) => el('span', { class: 'bh-mono bh-nowrap' }, e.subject) },
        { key: 'action', label: 'Action' },
        { key: 'detail', label: 'Detail' },
      ],
    });
  }
  newest = r.body.entries || [];
  more.hidden = newest.length < PAGE;
  const ids = new Set(newest.map((e) => e.id));
  table.update(newest.concat(older.filter((e) => !ids.has(e.id))));
}, 10000);
