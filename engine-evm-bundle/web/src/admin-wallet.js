// The setup wizard's "Admin wallet" page: lists every wallet announced through EIP-6963 (the
// injected EIP-1193 provider when none announces itself), signs in with the chosen one (EIP-4361,
// checked by the server: proves control of the address) and, once setup has deployed the
// credential contract, derives the admin access key here from the wallet's signature of the
// access-key message. Only the address, the sign-in proof and the 33-byte public key are sent.
import { discover, explain, Wallet, WalletError } from '/kit/wallet.js';
import { checksumAddress, deriveAccessKey } from './crypto.js';
import { $, say, plain } from './ui.js';

const page = $('wallet-page');
const csrf = page.dataset.csrf;
const base = page.dataset.base;
let choices = [];

function option(index, name) {
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = 'wallet-choice';
  input.value = String(index);
  input.checked = index === 0;
  label.append(input, ' ' + name);
  return label;
}

/** Every announced wallet as a choice; the injected provider as the fallback. */
async function listWallets() {
  const announced = await discover();
  choices = announced.map((d) => ({ provider: d.provider, name: d.info.name || 'Wallet' }));
  if (choices.length === 0 && window.ethereum && typeof window.ethereum.request === 'function') {
    choices = [{ provider: window.ethereum, name: 'Browser wallet' }];
  }
  const list = $('wallet-list');
  list.replaceChildren(...choices.map((c, i) => option(i, c.name)));
  $('wallet-choices').hidden = choices.length === 0;
  if (choices.length === 0) {
    say($('wallet-status'), 'No wallet found in this browser. Install a browser wallet, then reload this page.', 'error');
  }
  document.querySelectorAll('.wallet-action').forEach((b) => { b.disabled = choices.length === 0; });
}

async function chosenWallet() {
  const checked = document.querySelector('input[name=wallet-choice]:checked');
  const choice = choices[checked ? Number(checked.value) : 0];
  if (!choice) {
    throw new WalletError('Choose a wallet first.');
  }
  try {
    const accounts = await choice.provider.request({ method: 'eth_requestAccounts' });
    if (!accounts || accounts.length === 0) {
      throw new WalletError('Your wallet shared no account. Unlock it and try again.');
    }
    return new Wallet(choice.provider, accounts[0], choice.name);
  } catch (e) {
    throw e instanceof WalletError ? e : explain(e);
  }
}

async function send(path, method, body) {
  const response = await fetch(base + path, { method, credentials: 'same-origin', headers: { 'Content-Type':
    'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' }, body: body && JSON.stringify(body) });
  let json = {};
  try { json = await response.json(); } catch (e) { json = {}; }
  return { status: response.status, body: json };
}

/** The EIP-4361 message proving control of the wallet for this setup page. */
export function signInMessage(host, origin, address, chainId, nonce, now = new Date()) {
  const expires = new Date(now.getTime() + 5 * 60 * 1000);
  return `${host} wants you to sign in with your Ethereum account:\n${checksumAddress(address)}\n\n`
    + 'Use this wallet as the admin wallet of this BlockHost host. It costs nothing and sends no transaction.\n\n'
    + `URI: ${origin}/setup/\nVersion: 1\nChain ID: ${chainId}\nNonce: ${nonce}\n`
    + `Issued At: ${now.toISOString()}\nExpiration Time: ${expires.toISOString()}`;
}

async function signIn() {
  const status = $('wallet-status');
  try {
    say(status, 'Connecting to your wallet…', 'info');
    const wallet = await chosenWallet();
    const nonce = await send('/evm-wallet/nonce', 'POST', {});
    if (nonce.status !== 200) {
      throw new Error(nonce.body.error || 'The host did not answer. Reload the page and try again.');
    }
    if (nonce.body.chainId) {
      await wallet.switchChain(nonce.body.chainId);
    }
    const text = signInMessage(location.host, location.origin, wallet.account, await wallet.chainId(), nonce.body.nonce);
    say(status, 'Sign the message in your wallet. It proves you control this wallet; it costs nothing.', 'info');
    const signature = await wallet.signMessage(text);
    const saved = await send('/evm-wallet', 'POST', { message: text, signature });
    if (saved.status !== 200) {
      throw new Error(saved.body.error || 'The sign-in was not accepted. Try again.');
    }
    say(status, 'Saved: ' + saved.body.address + ' is the admin wallet. Reloading…', 'ok');
    location.reload();
  } catch (e) {
    say(status, plain(e), 'error');
  }
}

async function accessKey() {
  const status = $('key-status');
  const admin = page.dataset.admin.toLowerCase();
  try {
    const wallet = await chosenWallet();
    if (wallet.account.toLowerCase() !== admin) {
      throw new Error('Your wallet uses another account. Switch to the admin wallet ' + page.dataset.admin + ' and try again.');
    }
    say(status, 'Sign the access-key message in your wallet. It costs nothing and sends no transaction.', 'info');
    const key = deriveAccessKey(await wallet.signMessage($('key-message').textContent));
    key.secret.fill(0);
    const saved = await send('/evm-wallet/access-key', 'POST', { accessKey: key.publicKey });
    if (saved.status !== 200) {
      throw new Error(saved.body.error || 'The access key was not accepted. Try again.');
    }
    say(status, 'Saved. Setup continues: opening the Finish page…', 'ok');
    await send('/api/finalization', 'POST');
    location.assign(base + '/finalization');
  } catch (e) {
    say(status, plain(e), 'error');
  }
}

$('signin')?.addEventListener('click', signIn);
$('derive')?.addEventListener('click', accessKey);
listWallets();
