// The SSH login signing page: shows the message pam_web3 printed field by field (as text), refuses
// anything that is not an SSH login for this host, signs it with the wallet and shows the signature.
import { $, say, hostChain, connect, copyable, plain, shortAddress, when } from './ui.js';
import { parseLogin, checkLogin, Refused } from './login-message.js';

const state = { chain: null, fields: null, message: null };

function show(fields) {
  const dl = $('fields');
  dl.replaceChildren();
  const rows = [['Host', fields.domain], ['Wallet', fields.address], ['Machine and user', fields.user + '@' + fields.machine],
    ['Nonce', fields.nonce], ['Expires', when(Date.parse(fields.expiresAt) / 1000)]];
  for (const [name, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
  $('details').hidden = false;
}

function load(text) {
  state.fields = null;
  $('details').hidden = true;
  $('result').replaceChildren();
  $('message').textContent = text;
  $('message-box').hidden = !text;
  if (!text) {
    say($('check'), '', '');
    return;
  }
  try {
    state.fields = checkLogin(parseLogin(text), state.chain.host, state.chain.chainId);
    state.message = text.replace(/\r\n/g, '\n');
    show(state.fields);
    say($('check'), 'This is an SSH login for this host. Signing it lets the wallet '
      + shortAddress(state.fields.address) + ' log in once; it costs nothing and sends no transaction.', 'ok');
    $('sign').disabled = false;
  } catch (e) {
    $('sign').disabled = true;
    say($('check'), e instanceof Refused ? e.message : plain(e), 'error');
  }
}

async function onSign() {
  $('sign').disabled = true;
  try {
    const { wallet } = await connect(state.chain, $('wallet-status'));
    if (wallet.account.toLowerCase() !== state.fields.address.toLowerCase()) {
      throw new Error(`This login is for the wallet ${shortAddress(state.fields.address)}, but your wallet uses `
        + `${shortAddress(wallet.account)}. Switch to that account in your wallet and press Sign again.`);
    }
    checkLogin(state.fields, state.chain.host, state.chain.chainId);
    say($('wallet-status'), 'Sign the login message in your wallet.', 'info');
    const signature = await wallet.signMessage(state.message);
    say($('wallet-status'), 'Signed. Paste the signature at the Signature: prompt of ssh.', 'ok');
    $('result').replaceChildren(copyable('signature', signature));
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('sign').disabled = false;
  }
}

async function start() {
  try {
    state.chain = await hostChain();
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    const fromLink = new URLSearchParams(location.search).get('message');
    if (fromLink) {
      $('paste').value = fromLink;
    }
    load(fromLink || '');
  } catch (e) {
    say($('check'), plain(e), 'error');
  }
}

$('paste').addEventListener('input', () => load($('paste').value.replace(/\n$/, '')));
$('sign').addEventListener('click', onSign);
start();
