// Plugins: the engine and provisioner bundles with state, version, services and failure, and what
// swapping one means.
import { el, badge, copyButton } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { api, start } from '/admin/assets/console.js';

let table;

function swap(dir) {
  const copy = `cp NEW.jar ${dir}/.NEW.jar.part && mv ${dir}/.NEW.jar.part ${dir}/NEW.jar`;
  return el('section', { 'aria-labelledby': 'swap-title' },
    el('h2', { id: 'swap-title' }, 'Swapping a plugin'),
    el('p', {}, 'Plugins live in the plugins folder. Copy a bundle there under a temporary name, then rename it, so it is never'
      + ' picked up half-written:'),
    el('p', {}, el('code', {}, copy), ' ', copyButton(copy, 'command')),
    el('p', {}, 'Deleting the jar deactivates the plugin. While no engine or no provisioner is active, purchases wait in the'
      + ' pipeline (nothing is lost or counted as a failed attempt) and the lifecycle suspends or destroys nothing; running VMs'
      + ' keep running on the hypervisor. A provisioner for another hypervisor does not see VMs the old one created.'));
}

let drawn = false;
await start(async (content) => {
  const r = await api('plugins');
  if (r.status !== 200) throw new Error('plugins');
  if (!drawn) {
    const host = el('div');
    content.replaceChildren(host, swap(r.body.pluginsDir));
    table = new DataTable(host, {
      caption: 'Engine and provisioner plugins', filterLabel: 'Filter (kind, plugin, bundle, state)',
      empty: `No plugin is installed. Copy an engine and a provisioner bundle into ${r.body.pluginsDir}.`,
      columns: [
        { key: 'kind', label: 'Kind' },
        { key: 'id', label: 'Plugin', header: true },
        { key: 'state', label: 'State', render: (p) => badge(p.state) },
        { key: 'bundle', label: 'Bundle', render: (p) => el('span', { class: 'bh-mono' }, `${p.bundle} ${p.version}`) },
        { key: 'services', label: 'Services', value: (p) => p.services.map((s) => s.split('.').pop()).join(', ') },
        { key: 'failure', label: 'Failure', value: (p) => p.failure || '—' },
      ],
    });
    drawn = true;
  }
  table.update(r.body.plugins);
});
