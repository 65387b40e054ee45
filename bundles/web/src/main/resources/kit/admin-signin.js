// The admin console's sign-in: an EIP-4361 message with a nonce from the server, signed in the
// wallet (personal_sign), checked by the server against the holder of the admin credential.
import { Wallet, WalletError, shortAddress } from '/kit/wallet.js';

const button = document.getElementById('signin');
const status = document.getElementById('status');

function say(text, kind) {
  status.textContent = text;
  status.className = kind ? 'bh-' + kind : '';
}

async function json(path, options) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  let body = {};
  try { body = await response.json(); } catch (e) { body = {}; }
  return { status: response.status, body };
}

// The server's 429 sentence says how long to wait; a fixed one if the body is not ours.
function tooMany(body) {
  return typeof body.error === 'string' && body.error.startsWith('Too many requests')
    ? body.error : 'Too many sign-in attempts from your address. Wait a minute and try again.';
}

function message(address, nonce, chainId) {
  const now = new Date();
  const expires = new Date(now.getTime() + 5 * 60 * 1000);
  return `${location.host} wants you to sign in with your Ethereum account:\n${address}\n\n`
    + 'Sign in to the BlockHost admin console. It costs nothing and sends no transaction.\n\n'
    + `URI: ${location.origin}/admin/\nVersion: 1\nChain ID: ${chainId}\nNonce: ${nonce}\n`
    + `Issued At: ${now.toISOString()}\nExpiration Time: ${expires.toISOString()}`;
}

async function signIn() {
  button.disabled = true;
  try {
    say('Looking for your wallet…');
    const wallet = await Wallet.connect();
    const nonce = await json('/admin/api/nonce?address=' + encodeURIComponent(wallet.account));
    if (nonce.status === 429) {
      throw new WalletError(tooMany(nonce.body));
    }
    if (nonce.status !== 200 || !nonce.body.address) {
      throw new WalletError('The server did not answer. Reload the page and try again.');
    }
    if (nonce.body.chainId) {
      say('Checking your wallet is on the right network…');
      await wallet.switchChain(nonce.body.chainId);
    }
    const chainId = await wallet.chainId();
    const text = message(nonce.body.address, nonce.body.nonce, chainId);
    say('Sign the message in your wallet. It proves you hold the admin credential; it costs nothing.');
    const signature = await wallet.signMessage(text);
    const login = await json('/admin/api/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: text, signature }),
    });
    if (login.status === 200) {
      say(`Signed in as ${shortAddress(login.body.address)}. `, 'ok');
      const open = document.createElement('a');
      open.href = '/admin/overview';
      open.id = 'open-console';
      open.textContent = 'Open the console';
      status.append(open);
    } else if (login.status === 429) {
      say(tooMany(login.body), 'error');
    } else if (login.status === 403) {
      say('This wallet does not hold the admin credential (token #0). Switch to the admin wallet and try again.', 'error');
    } else {
      say('The sign-in was not accepted (the message may be stale). Try again.', 'error');
    }
  } catch (e) {
    say(e instanceof WalletError ? e.message : 'Something went wrong. Reload the page and try again.', 'error');
  } finally {
    button.disabled = false;
  }
}

button.addEventListener('click', signIn);
