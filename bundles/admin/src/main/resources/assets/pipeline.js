// Pipeline: purchases not yet running; parked ones with their reason and a retry.
import { el, badge, when } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { api, act, start } from '/admin/assets/console.js';

let table;
let page;

async function retry(entry) {
  await act(`pipeline/${entry.subscription}/retry`, {});
  await page.refresh();
}

page = await start(async (content) => {
  const r = await api('pipeline');
  if (r.status !== 200) throw new Error('pipeline');
  table = table || new DataTable(content, {
    caption: 'Purchases in the pipeline', filterLabel: 'Filter (subscription, stage, reason)',
    empty: 'Every purchase is running: nothing is in the pipeline and nothing is parked.',
    columns: [
      { key: 'subscription', label: 'Subscription', header: true, numeric: true },
      { key: 'stage', label: 'Stage', render: (e) => badge(e.stage) },
      { key: 'parked', label: 'Status', value: (e) => (e.parked ? 'parked' : 'in progress'),
        render: (e) => badge(e.parked ? 'parked' : 'in progress') },
      { key: 'attempts', label: 'Attempts', numeric: true },
      { key: 'reason', label: 'Why it is parked', value: (e) => e.reason || '' },
      { key: 'updated', label: 'Last change', render: (e) => when(e.updated) },
      { key: 'actions', label: 'Actions', sortable: false, value: () => '',
        render: (e) => (e.parked ? el('button', { type: 'button', class: 'bh-button', 'aria-label': `Retry subscription ${e.subscription}`,
          onclick: () => retry(e) }, 'Retry') : '—') },
    ],
  });
  table.update(r.body);
});
