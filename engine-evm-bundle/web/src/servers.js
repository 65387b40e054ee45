// My servers: every credential NFT of the connected wallet with its state and expiry; the details
// decrypted in the browser; renewal with an exact approval; after a transfer, the wallet's own
// access key registered (setAccessKey) so the host re-seals the details to it.
import { $, say, hostChain, connect, balance, approveExactly, money, when, plain } from './ui.js';
import { decryptCredentials } from './crypto.js';
import { topic } from './chain.js';
import { accessKey } from './access.js';
import { renderDetails } from './details.js';

const state = { chain: null, wallet: null, rpc: null, key: null };
const TRANSFER = topic('Transfer(address,address,uint256)');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function read(to, sig, types, args, returns) {
  return state.rpc.call(to, sig, types, args, returns);
}

async function server(tokenId) {
  const c = state.chain;
  const [subscriptionId] = await read(c.credential, 'subscriptionOf(uint256)', ['uint256'], [tokenId], ['uint256']);
  const [planId, , expiresAt, cancelled] = await read(c.subscriptions, 'getSubscription(uint256)', ['uint256'],
    [subscriptionId], ['uint256', 'address', 'uint256', 'bool']);
  const [destroyed] = await read(c.subscriptions, 'isDestroyed(uint256)', ['uint256'], [subscriptionId], ['bool']);
  const [sealed] = await read(c.credential, 'getCredentials(uint256)', ['uint256'], [tokenId], ['bytes']);
  const [accessKeyHex] = await read(c.credential, 'getAccessKey(uint256)', ['uint256'], [tokenId], ['bytes']);
  return { tokenId, subscriptionId, planId, expiresAt, cancelled, destroyed, sealed, accessKeyHex };
}

function stateText(s) {
  if (s.destroyed) {
    return 'Deleted: the grace period after expiry ended. It cannot be renewed.';
  }
  if (s.cancelled) {
    return 'Cancelled by the host.';
  }
  const now = BigInt(Math.floor(Date.now() / 1000));
  return s.expiresAt > now ? 'Active: expires ' + when(s.expiresAt) + '.'
    : 'Expired ' + when(s.expiresAt) + ': suspended (disk kept). Renew to resume it before it is deleted.';
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text) {
    e.textContent = text;
  }
  if (className) {
    e.className = className;
  }
  return e;
}

async function showDetails(s, box) {
  const out = box.querySelector('.bh-out');
  if (!state.key) {
    return;
  }
  try {
    out.replaceChildren(renderDetails(await decryptCredentials(state.key.secret, s.sealed)));
    return;
  } catch (e) {
    // not sealed to this wallet's key: received by transfer, or the host has not re-sealed yet
  }
  if (s.accessKeyHex.toLowerCase() === state.key.publicKey.toLowerCase()) {
    out.replaceChildren(el('p', 'Your access key is registered; the host has not sealed the details to it yet. '
      + 'Reload this page in a minute.', 'bh-info'));
    return;
  }
  out.replaceChildren(el('p', 'The details of this server are sealed to another wallet\'s key: you probably received '
    + 'its NFT by transfer. Register your own access key so the host seals them again for you. This sends one '
    + 'transaction and changes nothing else.', 'bh-warn'));
  const button = el('button', 'Register my access key', 'bh-button bh-primary');
  button.type = 'button';
  button.addEventListener('click', () => rekey(s, box, button));
  out.append(button);
}

async function rekey(s, box, button) {
  const status = box.querySelector('.bh-server-status');
  button.disabled = true;
  try {
    say(status, 'Confirm the transaction in your wallet: it registers your access key for NFT #' + s.tokenId + '.', 'info');
    await state.rpc.send(state.chain.credential, 'setAccessKey(uint256,bytes)', ['uint256', 'bytes'],
      [s.tokenId, state.key.publicKey], () => say(status, 'Sent. Waiting for it to be mined…', 'info'));
    say(status, 'Key registered. The host now seals the details to it; this usually takes under a minute.', 'info');
    for (let i = 0; i < 120; i++) {
      const fresh = await server(s.tokenId);
      try {
        const details = await decryptCredentials(state.key.secret, fresh.sealed);
        box.querySelector('.bh-out').replaceChildren(renderDetails(details));
        say(status, 'The details are sealed to your key now.', 'ok');
        return;
      } catch (e) {
        await sleep(2000);
      }
    }
    say(status, 'The host has not re-sealed the details yet. Reload this page later.', 'warn');
  } catch (e) {
    say(status, plain(e), 'error');
    button.disabled = false;
  }
}

async function renew(s, box) {
  const status = box.querySelector('.bh-server-status');
  const input = box.querySelector('input');
  const days = Number(input.value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    input.setAttribute('aria-invalid', 'true');
    say(status, 'Enter a whole number of days from 1 to 3650.', 'error');
    return;
  }
  input.setAttribute('aria-invalid', 'false');
  const c = state.chain;
  const button = box.querySelector('.bh-renew');
  button.disabled = true;
  try {
    const [amount] = await read(c.subscriptions, 'calculatePayment(uint256,uint256)', ['uint256', 'uint256'],
      [s.planId, days], ['uint256']);
    const units = await balance(state.rpc, c, state.wallet.account);
    if (units < amount) {
      throw new Error(`Your wallet holds ${money(units, c.stablecoin)}; renewing for ${days} days costs `
        + `${money(amount, c.stablecoin)}. Add ${c.stablecoin.symbol} to your wallet, then try again.`);
    }
    say(status, `Approve a payment of exactly ${money(amount, c.stablecoin)} in your wallet.`, 'info');
    await approveExactly(state.rpc, c, state.wallet.account, c.subscriptions, amount,
      () => say(status, 'Approval sent. Waiting for it to be mined…', 'info'));
    say(status, `Confirm the renewal for ${days} days in your wallet.`, 'info');
    await state.rpc.send(c.subscriptions, 'extendSubscription(uint256,uint256,uint256)', ['uint256', 'uint256', 'uint256'],
      [s.subscriptionId, days, amount], () => say(status, 'Renewal sent. Waiting for it to be mined…', 'info'));
    const fresh = await server(s.tokenId);
    box.querySelector('.bh-state').textContent = stateText(fresh);
    say(status, `Renewed for ${days} days. New expiry: ${when(fresh.expiresAt)}.`, 'ok');
  } catch (e) {
    say(status, plain(e), 'error');
  }
  button.disabled = false;
}

function card(s) {
  const box = el('section', '', 'bh-server');
  box.setAttribute('aria-label', 'Server of NFT #' + s.tokenId);
  box.dataset.token = String(s.tokenId);
  box.append(el('h3', `NFT #${s.tokenId} · subscription #${s.subscriptionId} · plan ${s.planId}`),
    el('p', stateText(s), 'bh-state'), el('div', '', 'bh-out'));
  if (!s.destroyed && !s.cancelled) {
    const row = el('div', '', 'bh-row');
    const label = el('label', 'Renew for days');
    const input = el('input');
    input.type = 'number';
    input.min = '1';
    input.max = '3650';
    input.value = '30';
    input.id = 'renew-days-' + s.tokenId;
    label.htmlFor = input.id;
    const field = el('div', '', 'bh-form');
    field.append(label, input);
    const button = el('button', 'Renew', 'bh-button bh-renew');
    button.type = 'button';
    button.addEventListener('click', () => renew(s, box));
    row.append(field, button);
    box.append(row);
  }
  const status = el('p', '', 'bh-server-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.hidden = true;
  box.append(status);
  return box;
}

/** The wallet's tokens: every Transfer to it (there is no on-chain enumeration) whose token it still holds. */
async function list() {
  const c = state.chain;
  const owner = state.wallet.account.toLowerCase();
  const progress = (done, total) => {
    if (done < total) {
      say($('wallet-status'), `Looking through the chain for your servers: ${(done * 100n) / total} % done.`, 'info');
    }
  };
  const logs = await state.rpc.logs(c.credential, [TRANSFER, null, '0x' + owner.slice(2).padStart(64, '0')],
    c.startBlock || 0, progress);
  const ids = [...new Set(logs.map((l) => BigInt(l.topics[3])))].sort((a, b) => (a < b ? -1 : 1));
  const servers = [];
  for (const tokenId of ids) {
    const [holder] = await read(c.credential, 'ownerOf(uint256)', ['uint256'], [tokenId], ['address']);
    if (tokenId !== 0n && holder.toLowerCase() === owner) {
      servers.push(await server(tokenId));
    }
  }
  return servers;
}

async function onConnect() {
  $('connect').disabled = true;
  try {
    ({ wallet: state.wallet, rpc: state.rpc } = await connect(state.chain, $('wallet-status')));
    const servers = await list();
    $('connect').hidden = true;
    const root = $('servers');
    if (servers.length === 0) {
      root.replaceChildren(el('p', 'No servers yet for this wallet. Buy one on the home page.', 'bh-info'));
      return;
    }
    const cards = servers.map((s) => [s, card(s)]);
    root.replaceChildren(...cards.map(([, box]) => box));
    $('unlock').hidden = false;
    $('unlock').onclick = async () => {
      $('unlock').disabled = true;
      try {
        say($('wallet-status'), 'Sign the access-key message in your wallet. It costs nothing and sends no transaction; '
          + 'it recreates the key your servers\' details are sealed to.', 'info');
        state.key = await accessKey(state.wallet, state.chain);
        say($('wallet-status'), 'Details unlocked in this page only; nothing left your browser.', 'ok');
        $('unlock').hidden = true;
        for (const [s, box] of cards) {
          await showDetails(s, box);
        }
      } catch (e) {
        say($('wallet-status'), plain(e), 'error');
        $('unlock').disabled = false;
      }
    };
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('connect').disabled = false;
  }
}

async function start() {
  try {
    state.chain = await hostChain();
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    $('connect').disabled = false;
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
  }
}

$('connect').addEventListener('click', onConnect);
start();
