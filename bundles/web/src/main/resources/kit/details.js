// Renders decrypted connection details (DESIGN.md's credentials JSON) for the buyer pages of every engine: the SSH
// command, the VM's host key fingerprint and a known_hosts line, all as text (never HTML) with copy buttons. The
// page gives its SHA-256 (sync, from its bundled hash library) and its copyable(label, text) code block.
const SAFE_HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/;
const SAFE_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

function fingerprint(hostKey, sha256) {
  const parts = String(hostKey).trim().split(/\s+/);
  if (parts.length < 2 || !/^ssh-[a-z0-9-]+$/.test(parts[0])) {
    return null;
  }
  const blob = Uint8Array.from(atob(parts[1]), (c) => c.charCodeAt(0));
  const b64 = btoa(String.fromCharCode(...sha256(blob))).replace(/=+$/, '');
  return { type: parts[0], key: parts[0] + ' ' + parts[1], fingerprint: 'SHA256:' + b64 };
}

/** The SSH command exactly as the buyer types it; throws when the details are not usable. */
export function sshCommand(details) {
  if (!SAFE_HOST.test(String(details.host)) || !SAFE_USER.test(String(details.user))
    || !Number.isInteger(details.port) || details.port < 1 || details.port > 65535) {
    throw new Error('The connection details in this NFT are not valid. Ask the host\'s operator.');
  }
  return (details.port === 22 ? 'ssh ' : `ssh -p ${details.port} `) + `${details.user}@${details.host}`;
}

/** A section element with the details; the caller puts it into the page. */
export function renderDetails(details, { sha256, copyable }) {
  const box = document.createElement('div');
  box.className = 'bh-details';
  const command = sshCommand(details);
  const intro = document.createElement('p');
  intro.textContent = `Server ${details.vm}: log in with this command. SSH then shows a message to sign with `
    + 'your wallet on this host\'s signing page.';
  box.append(intro, copyable('SSH command', command));
  if (details.ipv6) {
    const p = document.createElement('p');
    p.textContent = 'IPv6 address: ' + details.ipv6;
    box.append(p);
  }
  const key = details.hostKey ? fingerprint(details.hostKey, sha256) : null;
  if (key) {
    const p = document.createElement('p');
    p.textContent = `The server's SSH host key fingerprint is ${key.fingerprint}. SSH shows it at the first `
      + 'connection: it must be the same. Or add this line to ~/.ssh/known_hosts first:';
    const hostPart = details.port === 22 ? details.host : `[${details.host}]:${details.port}`;
    box.append(p, copyable('known_hosts line', `${hostPart} ${key.key}`));
  }
  return box;
}
