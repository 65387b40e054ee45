// What every console page shares: the session (wallet, CSRF token), the JSON API, sign-out, and
// polling for live updates while the page is visible.
import { toast } from '/kit/toast.js';

let csrf = null;

function toSignIn() {
  location.assign('/admin/');
}

/** Calls the admin API; POSTs carry the session's CSRF token. {status, body}. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`/admin/api/${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    toSignIn();
    throw new Error('Your session ended. Sign in again.');
  }
  let data = {};
  try { data = await response.json(); } catch (e) { data = {}; }
  return { status: response.status, body: data };
}

/** Runs an action: a toast with the server's sentence on success or its reason on refusal. */
export async function act(path, body, success) {
  try {
    const r = await api(path, { method: 'POST', body });
    if (r.status === 200) {
      toast(success || r.body.message || 'Done.');
      return true;
    }
    toast(r.body.error || 'The server refused the action. Reload the page and try again.', 'error');
  } catch (e) {
    toast('The server could not be reached. Check the connection and try again.', 'error');
  }
  return false;
}

async function signOut() {
  await api('logout', { method: 'POST' }).catch(() => null);
  toSignIn();
}

/**
 * Starts the page: loads the session, then calls refresh() now and every intervalMs while the
 * page is visible. refresh() fills #content.
 */
export async function start(refresh, intervalMs = 5000) {
  const me = await api('session');
  csrf = me.body.csrf;
  const wallet = document.getElementById('wallet');
  wallet.textContent = me.body.address ? `${me.body.address.slice(0, 6)}…${me.body.address.slice(-4)}` : '';
  wallet.title = me.body.address || '';
  document.getElementById('signout').addEventListener('click', signOut);
  const content = document.getElementById('content');
  const updated = document.getElementById('updated');
  let failures = 0;
  async function tick() {
    try {
      await refresh(content);
      failures = 0;
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every ${intervalMs / 1000} seconds.`;
    } catch (e) {
      failures += 1;
      updated.textContent = 'The server did not answer; trying again.';
      if (failures === 3) toast('The server has not answered three times in a row.', 'error');
    }
    content.setAttribute('aria-busy', 'false');
  }
  await tick();
  setInterval(() => { if (document.visibilityState === 'visible') tick(); }, intervalMs);
  return { refresh: tick };
}
