// Settings: admin commands (on/off, the ports a knock may open, the longest opening: the setup
// wizard's checks, applied live), a knock sent from the signed-in admin wallet, and the commands the
// host received with what it did. The host prepares the knock encrypted for itself; the wallet
// signs and sends it, so the admin's key never leaves the wallet.
import { el, badge, address, copyButton, when } from '/kit/dom.js';
import { DataTable } from '/kit/table.js';
import { confirmAction } from '/kit/dialog.js';
import { toast } from '/kit/toast.js';
import { Wallet } from '/kit/wallet.js';
import { api, start } from '/admin/assets/console.js';

let table = null;
let knockPorts = null;
let knockWait = null;
const knockStatus = el('p', { id: 'knock-status', 'aria-live': 'polite' });

function input(id, label, hint, attrs = {}) {
  const error = el('p', { class: 'bh-field-error', id: `${id}-error` });
  const field = el('input', { id, name: id, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint ${id}-error`,
    ...attrs });
  return { field, error, row: el('div', { class: 'bh-form' }, el('label', { for: id }, label),
    el('p', { class: 'bh-hint', id: `${id}-hint` }, hint), field, error) };
}

function mark(f, problem) {
  f.error.textContent = problem || '';
  if (problem) f.field.setAttribute('aria-invalid', 'true'); else f.field.removeAttribute('aria-invalid');
}

/** The admin-command settings form (read once and after each save; polling leaves it alone). */
function settingsForm(onSaved) {
  const on = el('input', { type: 'radio', name: 'ac-enabled', value: 'on', id: 'ac-on' });
  const off = el('input', { type: 'radio', name: 'ac-enabled', value: 'off', id: 'ac-off' });
  const ports = input('ac-ports', 'Ports a knock opens', 'Comma separated, like 22 or 22,8443. The base ruleset closes them to '
    + 'everyone else (loopback and open connections excepted).', { inputmode: 'numeric' });
  const ttl = input('ac-ttl', 'Longest opening (seconds)', 'A knock asks for a duration; at most this, 1 to 3600.',
    { inputmode: 'numeric' });
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'ac-error' });
  const form = el('form', { id: 'ac-form', class: 'bh-form', 'aria-labelledby': 'ac-title' },
    el('h2', { id: 'ac-title' }, 'Admin commands'),
    el('p', {}, 'The admin wallet can send this host encrypted commands on chain. A knock opens the ports below for one address '
      + 'for a while; otherwise they stay closed. Changes apply at once.'),
    el('fieldset', {}, el('legend', {}, 'Management ports'),
      el('label', {}, on, 'Closed; open them with a knock from the admin wallet'),
      el('label', {}, off, 'Left as they are (no base ruleset, admin commands off)')),
    ports.row, ttl.row, error, el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' },
      'Save')));
  const fill = (s) => {
    (s.enabled ? on : off).checked = true;
    ports.field.value = s.knockPorts.join(',');
    ttl.field.value = String(s.knockMaxTtlSeconds);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const r = await api('admin-commands', { method: 'POST', body: { enabled: on.checked ? 'on' : 'off',
      ports: ports.field.value.trim(), maxTtl: ttl.field.value.trim() } });
    const problems = (r.body && r.body.problems) || {};
    mark(ports, problems.ports);
    mark(ttl, problems.maxTtl);
    if (r.status === 200) {
      error.textContent = '';
      fill(r.body.settings);
      toast(`Admin commands ${r.body.settings.enabled ? 'on' : 'off'}; knock ports ${r.body.settings.knockPorts.join(', ')}. `
        + 'Applied now.');
      onSaved(r.body.settings);
    } else {
      error.textContent = r.body.error || 'The settings were not saved. Reload the page and try again.';
    }
  });
  return { form, fill };
}

/** Polls the host's records until the command with this nonce is done, refused or failed. */
function awaitRecord(nonce) {
  knockWait = { nonce };
}

function showRecord(records) {
  if (!knockWait) return;
  const r = records.find((x) => x.nonce === knockWait.nonce);
  if (!r) return;
  if (['done', 'refused', 'failed', 'interrupted'].includes(r.status)) {
    knockStatus.replaceChildren(badge(r.status, r.status === 'done' ? 'ok' : 'error'), ` The host ${r.status === 'done'
      ? 'carried out the knock' : 'did not carry out the knock'}: ${r.result}`);
    toast(`Knock ${r.status}.`, r.status === 'done' ? undefined : 'error');
    knockWait = null;
  }
}

async function sendKnock(prepared) {
  const ok = await confirmAction({ title: 'Send the knock from your wallet', confirmLabel: 'Open my wallet', lines: [
    'Your wallet will ask you to send one transaction with no value to this host\'s address. It costs a little gas.',
    'Its content is encrypted so only this host can read it. The host acts on it once the block is final.'] });
  if (!ok) { knockStatus.textContent = 'Nothing was sent.'; return; }
  try {
    const wallet = await Wallet.connect();
    if (wallet.account.toLowerCase() !== prepared.from.toLowerCase()) {
      knockStatus.textContent = `Your wallet uses ${wallet.account}; switch it to the admin wallet ${prepared.from} and try again.`;
      return;
    }
    const hash = await wallet.sendTransaction({ to: prepared.to, data: prepared.data });
    knockStatus.replaceChildren(badge('pending', 'info'), ' Sent: ', address(hash, 'transaction hash'),
      '. The host acts on it once the block is final; this page shows the result.');
    awaitRecord(prepared.nonce);
  } catch (e) {
    knockStatus.textContent = e.message || 'The wallet reported a problem. Nothing was sent.';
  }
}

/** The knock form: ports from the allowed list, how long, for which address (default: yours as the host sees it). */
function knockForm() {
  knockPorts = el('fieldset', { id: 'knock-ports' }, el('legend', {}, 'Ports to open'));
  const ttl = input('knock-ttl', 'For how long (seconds)', 'The ports close by themselves after this.', { inputmode: 'numeric',
    value: '300' });
  const source = input('knock-source', 'For which address', 'Your address as this host sees it; or another address, or a '
    + 'network of at least /24 (IPv4) or /48 (IPv6). Never everyone.', { class: 'bh-mono' });
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'knock-error' });
  const form = el('form', { id: 'knock-form', class: 'bh-form', 'aria-labelledby': 'knock-title' },
    el('h2', { id: 'knock-title' }, 'Knock'), el('p', {}, 'Open management ports for one address for a while, with a command '
      + 'sent from your admin wallet.'), knockPorts, ttl.row, source.row, error,
    el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' }, 'Send knock…')), knockStatus);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ports = [...knockPorts.querySelectorAll('input:checked')].map((i) => Number(i.value));
    const r = await api('admin-commands/knock', { method: 'POST', body: { ports, ttl: ttl.field.value.trim(),
      source: source.field.value.trim() } });
    if (r.status !== 200) { error.textContent = r.body.error || 'The knock was not prepared. Reload the page and try again.'; return; }
    error.textContent = '';
    await sendKnock(r.body);
  });
  return { form, source };
}

function fillPorts(settings) {
  knockPorts.replaceChildren(el('legend', {}, 'Ports to open'), ...settings.knockPorts.map((p, i) => el('label', {},
    el('input', { type: 'checkbox', name: 'knock-port', value: p, checked: i === 0 }), `${p}`)));
  knockPorts.closest('form').hidden = !settings.enabled;
}

/** The details of the certificate HTTPS serves now. */
function certificateDetails(c) {
  const row = (term, ...value) => el('tr', {}, el('th', { scope: 'row' }, term), el('td', {}, ...value));
  return [el('p', {}, c.selfSigned ? 'This host serves a self-signed certificate: browsers warn until you compare '
    + 'its fingerprint below, or install your own.' : 'This host serves the operator\'s certificate.'),
  el('table', { class: 'bh-table' }, el('caption', {}, 'The certificate HTTPS serves now'), el('tbody', {},
    row('Subject', c.subject), row('Names', c.names.join(', ') || 'none'),
    row('Issuer', c.selfSigned ? `${c.issuer} (self-signed)` : c.issuer), row('Valid from', when(c.notBefore)),
    row('Valid until', when(c.notAfter)),
    row('SHA-256 fingerprint', el('span', { class: 'bh-mono', id: 'tls-fingerprint' }, c.fingerprint), ' ',
      copyButton(c.fingerprint, 'certificate fingerprint'))))];
}

function fileInput(id, label, hint, accept) {
  const field = el('input', { id, name: id, type: 'file', accept, 'aria-describedby': `${id}-hint` });
  return { field, row: el('div', { class: 'bh-form' }, el('label', { for: id }, label),
    el('p', { class: 'bh-hint', id: `${id}-hint` }, hint), field) };
}

async function readPem(input, what) {
  const file = input.field.files[0];
  if (!file) throw new Error(`Choose the ${what} file.`);
  if (file.size > 65536) throw new Error(`The ${what} file is larger than 64 KiB; choose the PEM file.`);
  return file.text();
}

/** Replacing the certificate: two PEM files read here and sent as text; the host checks them first. */
function certificateForm(onReplaced) {
  const chain = fileInput('tls-chain', 'Certificate chain (PEM)', 'The server certificate first, then the intermediate ones; '
    + 'certbot calls it fullchain.pem.', '.pem,.crt,.cer,.txt');
  const key = fileInput('tls-key', 'Private key (PEM)', 'Unencrypted; certbot calls it privkey.pem. It goes to this host only, '
    + 'which keeps it readable by the service alone.', '.pem,.key,.txt');
  const error = el('p', { class: 'bh-field-error', role: 'alert', id: 'tls-error' });
  const form = el('form', { id: 'tls-form', class: 'bh-form', 'aria-labelledby': 'tls-upload-title' },
    el('h3', { id: 'tls-upload-title' }, 'Replace the certificate'),
    el('p', {}, 'Browsers get the new certificate on their next connection, without a restart, and see a new fingerprint: '
      + 'if you compare fingerprints, note the new one. The certificate must be valid now, name every host name this host '
      + 'answers to and match the key; if any check fails nothing changes.'),
    chain.row, key.row, error,
    el('div', { class: 'bh-actions' }, el('button', { type: 'submit', class: 'bh-button bh-primary' }, 'Replace certificate')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = { chain: await readPem(chain, 'certificate chain'), key: await readPem(key, 'private key') };
      const r = await api('tls', { method: 'POST', body });
      if (r.status !== 200) throw new Error(r.body.error || 'The certificate was not replaced. Reload the page and try again.');
      error.textContent = '';
      form.reset();
      onReplaced(r.body);
      toast(`HTTPS now serves the new certificate (SHA-256 ${r.body.fingerprint.slice(0, 11)}…).`);
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return form;
}

/** The certificate HTTPS serves now (read once, and after a replacement) and the form to replace it. */
async function certificateSection() {
  const section = el('section', { id: 'tls', 'aria-labelledby': 'tls-title' }, el('h2', { id: 'tls-title' }, 'HTTPS certificate'));
  const r = await api('tls');
  if (r.status !== 200) {
    section.append(el('p', { class: 'bh-warn' }, r.body.error || 'The certificate cannot be read right now.'));
    return section;
  }
  const details = el('div', { id: 'tls-details' }, ...certificateDetails(r.body));
  section.append(details, certificateForm((c) => details.replaceChildren(...certificateDetails(c))),
    el('p', { class: 'bh-hint' }, 'Or set certFile and keyFile (PEM, for example certbot\'s) in org.blockhost.web.tls: '
      + 'changing those settings restarts HTTPS once; renewing the files in place is picked up within 5 seconds without a '
      + 'restart. While they are set, they are what HTTPS serves and an upload here is refused.'));
  return section;
}

await start(async (content) => {
  const r = await api('admin-commands');
  if (r.status !== 200) throw new Error('unavailable');
  if (!table) {
    const settings = settingsForm(fillPorts);
    const knock = knockForm();
    const host = el('div');
    content.replaceChildren(settings.form, knock.form, el('h2', {}, 'Commands received'), host, await certificateSection());
    settings.fill(r.body.settings);
    fillPorts(r.body.settings);
    knock.source.field.value = r.body.source;
    table = new DataTable(host, {
      caption: 'Admin commands this host received, newest first', filterLabel: 'Find a command (status, result)',
      initialSort: { key: 'seenAt', dir: -1 },
      empty: 'No admin commands yet. A knock sent from here shows up once its block is final.',
      columns: [
        { key: 'nonce', label: 'Nonce', numeric: true },
        { key: 'command', label: 'Command', header: true },
        { key: 'status', label: 'Status', render: (c) => badge(c.status) },
        { key: 'result', label: 'Result' },
        { key: 'seenAt', label: 'Received', value: (c) => c.seenAt, render: (c) => new Date(c.seenAt).toISOString()
          .slice(0, 19).replace('T', ' ') + ' UTC' },
      ],
    });
  }
  table.update(r.body.records);
  showRecord(r.body.records);
}, 5000);
