// The OPNet signing page (/sign under this engine): shows pam_web3's login message field by field (as text),
// refuses anything that is not an SSH login for this host, then signs it with OP_WALLET (window.opnet) through
// op-wallet.js and shows schnorr:<public key>:<signature> with a copy button. The host name comes from the page
// (<meta name="blockhost-host">, written by the servlet from the host's profile).
import { el, copyButton, when } from '/kit/dom.js';
import { parseLogin, checkLogin, Refused } from './login-message.js';
import { connectWallet, signLogin, WrongWallet } from './op-wallet.js';
import { $, say, plain as explain } from './page.js';

const host = document.querySelector('meta[name="blockhost-host"]').content;
const state = { fields: null, message: null };
const plain = (e) => explain(e, [Refused, WrongWallet],
  'OP_WALLET did not answer as expected. Nothing was signed; unlock OP_WALLET and press Sign again.');

function provider() {
  return window.opnet;
}

function show(fields) {
  const rows = [['Host', fields.domain], ['Wallet', fields.address], ['Machine and user', fields.user + '@' + fields.machine],
    ['Nonce', fields.nonce], ['Expires', when(fields.expiresAt)]];
  $('fields').replaceChildren(...rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
  $('details').hidden = false;
}

function load(text) {
  state.fields = null;
  $('details').hidden = true;
  $('result').replaceChildren();
  $('message').textContent = text;
  $('message-box').hidden = !text;
  $('sign').disabled = true;
  if (!text) {
    say($('check'), '', '');
    return;
  }
  try {
    state.message = text.replace(/\r\n/g, '\n');
    state.fields = checkLogin(parseLogin(state.message), host);
    show(state.fields);
    say($('check'), 'This is an SSH login for this host. Signing it lets the wallet ' + state.fields.address
      + ' log in once; it costs nothing and sends no transaction.', 'ok');
    $('sign').disabled = false;
  } catch (e) {
    say($('check'), plain(e), 'error');
  }
}

/** The text to paste at ssh's prompt, focusable, with the kit's copy button. */
function signatureBox(text) {
  return el('div', { class: 'bh-signature' }, el('pre', { id: 'signature', tabindex: '0', 'aria-label': 'signature' }, text),
    copyButton(text, 'signature'));
}

async function onConnect() {
  try {
    const wallet = await connectWallet(provider(), state.fields ? state.fields.address : 'bc1p');
    if (state.fields && wallet.address !== state.fields.address) {
      say($('wallet-status'), `OP_WALLET's account has the Taproot address ${wallet.address}, but this login is for `
        + `${state.fields.address}. Switch to that account in OP_WALLET and press Connect wallet again.`, 'error');
      return;
    }
    say($('wallet-status'), 'Connected: ' + wallet.address + '.', 'ok');
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
  }
}

async function onSign() {
  $('sign').disabled = true;
  try {
    checkLogin(state.fields, host);
    say($('wallet-status'), 'Sign the login message in OP_WALLET.', 'info');
    const { signature } = await signLogin(provider(), state.fields, state.message);
    say($('wallet-status'), 'Signed. Paste the signature at the Signature: prompt of ssh.', 'ok');
    $('result').replaceChildren(signatureBox(signature));
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('sign').disabled = false;
  }
}

const fromLink = new URLSearchParams(location.search).get('message');
if (fromLink) {
  $('paste').value = fromLink;
}
load(fromLink || '');
$('paste').addEventListener('input', () => load($('paste').value.replace(/\n$/, '')));
$('connect').addEventListener('click', onConnect);
$('sign').addEventListener('click', onSign);
