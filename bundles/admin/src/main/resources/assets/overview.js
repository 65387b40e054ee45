// Overview: plugins, chain watcher, pipeline stages, parked purchases, VMs by state, and live trend
// charts of VMs, purchases and the host's CPU, memory and disk (sampled at every refresh).
import { el, badge, when } from '/kit/dom.js';
import { api, start } from '/admin/assets/console.js';
import { TrendChart, RevenueChart } from '/admin/assets/charts.js';

const percent = (v) => `${Math.round(v)} %`;
const count = (v) => String(v);
const vmChart = new TrendChart({ id: 'chart-vms', title: 'VMs and purchases over time', unit: 'count', format: count,
  series: [{ label: 'Running', colour: '--bh-ok' }, { label: 'Suspended', colour: '--bh-warn' },
    { label: 'On their way', colour: '--bh-info' }, { label: 'Parked', colour: '--bh-error' }] });
const hostChart = new TrendChart({ id: 'chart-host', title: 'Host use over time', unit: '%', format: percent,
  series: [{ label: 'CPU (load)', colour: '--bh-info' }, { label: 'Memory', colour: '--bh-ok' }, { label: 'Disk', colour: '--bh-warn' }] });
const revenueChart = new RevenueChart();
const trends = el('section', { 'aria-labelledby': 'h-trends' }, el('h2', { id: 'h-trends' }, 'Trends'),
  el('p', { class: 'bh-hint' }, 'Revenue comes from the chain. The other two charts are sampled at every refresh while this page'
    + ' is open; the last 30 minutes are kept.'),
  el('div', { class: 'bh-grid' }, revenueChart.node, vmChart.node, hostChart.node));

function sample(o) {
  const inPipeline = Object.values(o.pipeline.stages).reduce((a, b) => a + b, 0);
  vmChart.update([o.vms.byState.active || 0, o.vms.byState.suspended || 0, inPipeline, o.pipeline.parked]);
  const pct = (v) => (v === null || v === undefined ? null : v * 100);
  hostChart.update([pct(o.host.cpu), pct(o.host.memory), pct(o.host.disk)]);
  revenueChart.update(o.revenue);
}

function tile(label, value, hint) {
  return el('div', { class: 'bh-tile' }, el('dt', {}, label), el('dd', {}, String(value)), hint ? el('dd', { class: 'bh-hint' }, hint) : null);
}

function section(title, ...body) {
  return el('section', { 'aria-labelledby': `h-${title.replace(/\W+/g, '-')}` },
    el('h2', { id: `h-${title.replace(/\W+/g, '-')}` }, title), ...body);
}

function table(caption, head, rows, empty) {
  if (!rows.length) return el('p', {}, empty);
  return el('div', { class: 'bh-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, el('table', {}, el('caption', { class: 'bh-sr-only' }, caption),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c)))))));
}

function chainRows(chains) {
  return chains.map((c) => [c.engine, c.head === null ? 'not read yet' : String(c.head), String(c.cursor),
    c.lag === null ? badge('unknown') : badge(`${c.lag} ${c.lag === 1 ? "block" : "blocks"} behind`, c.lag > 20 ? 'warn' : 'ok')]);
}

function render(content, o) {
  const byState = o.vms.byState;
  const inPipeline = Object.values(o.pipeline.stages).reduce((a, b) => a + b, 0);
  const engine = o.plugins.find((p) => p.kind === 'engine');
  const provisioner = o.plugins.find((p) => p.kind === 'provisioner');
  content.replaceChildren(
    el('dl', { class: 'bh-tiles' },
      tile('VMs running', byState.active || 0, `${o.vms.total} in total`),
      tile('VMs suspended', byState.suspended || 0, 'expired or suspended by you'),
      tile('Purchases on their way', inPipeline, 'not running yet'),
      tile('Parked purchases', o.pipeline.parked, o.pipeline.parked ? 'need you: see Pipeline' : 'nothing waits for you')),
    el('div', { class: 'bh-grid' },
      section('Plugins', table('Engine and provisioner plugins', ['Kind', 'Plugin', 'State', 'Version'],
        o.plugins.map((p) => [p.kind, p.id, badge(p.state), p.version || '—']),
        'No engine or provisioner plugin is installed. Copy one into the plugins folder.'),
      !engine || !provisioner ? el('p', { class: 'bh-warn' }, 'Purchases wait until both an engine and a provisioner are active.') : null),
      section('Chain watcher', table('Chain head and watcher position', ['Engine', 'Head (last read)', 'Watcher at', 'Lag'],
        chainRows(o.chains), 'The watcher has not committed a block yet.'))),
    el('div', { class: 'bh-grid' },
      section('Pipeline stages', table('Purchases by pipeline stage (not yet running)', ['Stage', 'Purchases'],
        Object.entries(o.pipeline.stages).map(([s, n]) => [badge(s), String(n)]), 'No purchase is on its way (parked ones are listed below).')),
      section('VMs by state', table('VMs by state', ['State', 'VMs'],
        Object.entries(byState).map(([s, n]) => [badge(s), String(n)]), 'No VMs yet. They appear here after the first purchase.'))),
    section('Parked purchases', table('Parked purchases', ['Subscription', 'Stage', 'Reason', 'Since'],
      o.parked.map((p) => [String(p.subscription), badge(p.stage), p.reason, when(p.updated)]),
      'No parked purchases.'), o.parked.length ? el('p', {}, el('a', { href: '/admin/pipeline' }, 'Retry them on the Pipeline page')) : null),
    trends);
}

let last = null;
start(async (content) => {
  const r = await api('overview');
  if (r.status !== 200) throw new Error('overview');
  const { generatedAt, host, revenue, ...data } = r.body;
  const signature = JSON.stringify(data);
  if (signature !== last) { // redraw only on change: polling keeps focus and scroll
    last = signature;
    render(content, data);
  }
  sample(r.body);
});
