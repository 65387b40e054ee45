// VMs: a sortable, filterable table; each VM's actions in a dialog, destroy with its typed name.
import { el, badge, address, when } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { confirmAction } from '/kit/dialog.js';
import { api, act, start } from '/admin/assets/console.js';

let page;
let table;

const paidUntil = (vm) => (new Date(vm.expires).getTime() > Date.now() ? `paid; it ends ${when(vm.expires)}` : 'not paid (expired)');

const ACTIONS = {
  start: { label: 'Start', done: 'started', when: (vm) => vm.state !== 'suspended' },
  stop: {
    label: 'Stop', done: 'asked to shut down; start it again from here', when: (vm) => vm.state !== 'suspended',
    confirm: (vm) => ({ title: `Stop ${vm.name}?`, confirmLabel: 'Stop', lines: [
      'The guest is asked to shut down. Its owner cannot log in until you start it again.',
      `The subscription stays ${paidUntil(vm)}.`] }),
  },
  suspend: {
    label: 'Suspend', done: 'suspended; it stays suspended until you resume it', when: (vm) => vm.state !== 'suspended',
    confirm: (vm) => ({ title: `Suspend ${vm.name}?`, confirmLabel: 'Suspend', lines: [
      'The VM is paused with its memory and disk kept. Its owner loses access until you resume it.',
      `The subscription is ${paidUntil(vm)}; the host will not resume it on its own while paid.`] }),
  },
  resume: { label: 'Resume', done: 'resumed', when: (vm) => vm.state === 'suspended' },
  hold: { label: 'Hold', done: 'held: nothing destroys it until you release it', when: (vm) => !vm.held },
  release: { label: 'Release hold', done: 'released from hold', when: (vm) => vm.held },
  destroy: {
    label: 'Destroy…', done: 'destroyed', danger: true, when: () => true,
    confirm: (vm) => ({ title: `Destroy ${vm.name}?`, confirmLabel: 'Destroy for good', danger: true, typed: vm.name, lines: [
      `This deletes ${vm.name} and its disk for good: everything its owner stored there is lost and cannot be recovered.`,
      `Subscription ${vm.subscription} is ${paidUntil(vm)}.`,
      vm.held ? 'The VM is on hold: release the hold first, or the host refuses.' : null].filter(Boolean) }),
  },
};

async function run(vm, name) {
  const action = ACTIONS[name];
  let body = {};
  if (action.confirm) {
    if (!(await confirmAction(action.confirm(vm)))) return;
    body = { forcePaid: true, confirm: name === 'destroy' ? vm.name : undefined };
  }
  await act(`vms/${encodeURIComponent(vm.name)}/${name}`, body, `${vm.name} ${action.done}.`);
  await page.refresh();
}

function manage(vm) {
  const buttons = Object.entries(ACTIONS).filter(([, a]) => a.when(vm)).map(([name, a]) =>
    el('button', { type: 'button', value: name, class: a.danger ? 'bh-button bh-danger' : 'bh-button' }, a.label));
  const dialog = el('dialog', { class: 'bh-dialog', 'aria-labelledby': 'manage-title' },
    el('form', { method: 'dialog' },
      el('h2', { id: 'manage-title' }, vm.name),
      el('p', {}, `Subscription ${vm.subscription}, plan ${vm.plan}, token ${vm.token ?? 'not minted yet'}; `, badge(vm.state),
        vm.held ? badge('held') : null),
      el('p', {}, `Owner ${vm.owner}. Subscription ${paidUntil(vm)}.`),
      el('div', { class: 'bh-actions' }, buttons, el('button', { type: 'submit', value: 'close', class: 'bh-button' }, 'Close'))));
  buttons.forEach((b) => b.addEventListener('click', () => { dialog.close(); run(vm, b.value); }));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/** "CPU 3.5 %, 812 MiB" from the provisioner's counters; the CPU share needs two readings (one refresh). */
function usage(vm) {
  const none = (x) => x === null || x === undefined;
  if (none(vm.cpuPercent) && none(vm.memoryMib)) return el('span', { class: 'bh-hint' }, 'not reported yet');
  const cpu = none(vm.cpuPercent) ? 'CPU measuring…' : `CPU ${vm.cpuPercent} %`;
  const memory = none(vm.memoryMib) ? 'memory unknown' : `${vm.memoryMib} MiB`;
  return `${cpu}, ${memory}`;
}

function stateCell(vm) {
  return el('span', {}, badge(vm.state), vm.held ? badge('held') : null);
}

const vmsHost = el('div');
const poolHost = el('div');
const poolNote = el('p', { class: 'bh-hint' });
let poolTable;

/** "debian-12, build 1a2b3c4d5e6f" from "debian-12 debian-12-….qcow2@<sha256>"; the whole value on hover. */
function template(p) {
  if (!p.template) return 'unknown';
  const [name, build] = p.template.split(' ');
  const id = build ? (build.split('@')[1] || build).slice(0, 12) : '';
  return el('span', { class: 'bh-mono', title: p.template }, id ? `${name}, build ${id}` : name);
}

/** The warm pool per plan: VMs booted ahead so a purchase is ready in seconds. */
async function pool() {
  const r = await api('pool');
  if (r.status !== 200) {
    poolNote.textContent = r.body.error || 'The warm pool could not be read.';
    return;
  }
  poolNote.textContent = r.body.plans.some((p) => p.elsewhere > 0)
    ? 'Some pool VMs were made by a provisioner that is not active: they wait for it and are not given to buyers.' : '';
  poolTable = poolTable || new DataTable(poolHost, {
    caption: 'Warm pool per plan', filterLabel: 'Find a plan',
    empty: 'No warm pool: each purchase boots a new VM, which takes about a minute. Set a size per plan'
      + ' (sizes = plan:count) in org.blockhost.core.pool to have VMs ready in seconds.',
    columns: [
      { key: 'plan', label: 'Plan', header: true, numeric: true },
      { key: 'wanted', label: 'Wanted', numeric: true },
      { key: 'ready', label: 'Ready', numeric: true },
      { key: 'filling', label: 'Starting', numeric: true },
      { key: 'assigning', label: 'Handing over', numeric: true },
      { key: 'assignedToday', label: 'Sold today', numeric: true },
      { key: 'elsewhere', label: 'Other provisioner', numeric: true },
      { key: 'oldest', label: 'Oldest VM made', value: (p) => p.oldest ?? '', render: (p) => (p.oldest ? when(p.oldest) : 'none') },
      { key: 'template', label: 'Template', render: template },
    ],
  });
  poolTable.update(r.body.plans);
}

page = await start(async (content) => {
  const r = await api('vms');
  if (r.status !== 200) throw new Error('vms');
  if (!content.contains(vmsHost)) {
    content.replaceChildren(vmsHost, el('section', { 'aria-labelledby': 'h-pool' },
      el('h2', { id: 'h-pool' }, 'Warm pool'),
      el('p', {}, 'VMs booted ahead of time, with no owner, so a purchase gets a working VM within seconds.'
        + ' The host refills the pool in the background, never at the expense of a paying purchase.'),
      poolNote, poolHost));
  }
  await pool();
  table = table || new DataTable(vmsHost, {
    caption: 'Virtual machines', filterLabel: 'Find a VM (name, owner, state, subscription)',
    empty: 'No VMs yet. They appear here once a purchase is provisioned.',
    columns: [
      { key: 'name', label: 'Name', header: true, render: (v) => el('span', { class: 'bh-mono' }, v.name) },
      { key: 'subscription', label: 'Subscription', numeric: true },
      { key: 'state', label: 'State', value: (v) => v.state + (v.held ? ' held' : ''), render: stateCell },
      { key: 'owner', label: 'Owner', render: (v) => address(v.owner, `owner of ${v.name}`) },
      { key: 'token', label: 'Token', numeric: true, value: (v) => v.token ?? '' },
      { key: 'plan', label: 'Plan', numeric: true },
      { key: 'expires', label: 'Paid until', render: (v) => when(v.expires) },
      { key: 'resources', label: 'Resource use', numeric: true, value: (v) => v.cpuPercent ?? -1, render: usage },
      { key: 'actions', label: 'Actions', sortable: false, value: () => '',
        render: (v) => el('button', { type: 'button', class: 'bh-button', 'aria-label': `Manage ${v.name}`,
          'data-vm': v.name, onclick: () => manage(v) }, 'Manage') },
    ],
  });
  table.update(r.body);
});
