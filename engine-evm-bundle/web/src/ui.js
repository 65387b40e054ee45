// Shared pieces of the buyer pages: the host's public API, status lines, copyable code blocks,
// the wallet connection with the network check, and the access key from a wallet signature.
import { Wallet, WalletError, shortAddress } from '/kit/wallet.js';
import { Chain, formatUnits } from './chain.js';
import { say } from '/kit/dom.js';

export { shortAddress, formatUnits, say };

export const $ = (id) => document.getElementById(id);

export async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error('The host did not answer (HTTP ' + response.status + '). Reload the page in a minute.');
  }
  return response.json();
}

/** The chain and contracts this host sells on; throws a sentence. */
export async function hostChain() {
  const chain = await api('/api/public/chain');
  if (!chain) {
    throw new Error('This host is not selling yet: its chain is not set up. Try again later.');
  }
  return chain;
}

/** A code block with a copy button; returns the wrapper element. */
export function copyable(label, text) {
  const wrap = document.createElement('div');
  wrap.className = 'bh-copy';
  const code = document.createElement('pre');
  code.tabIndex = 0;
  code.setAttribute('aria-label', label);
  code.textContent = text;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy ' + label);
  const done = document.createElement('span');
  done.setAttribute('role', 'status');
  done.className = 'bh-copied';
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      done.textContent = 'Copied.';
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      done.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  });
  wrap.append(code, button, done);
  return wrap;
}

let chosenWallet = null;

/**
 * Lets the buyer pick one of several announced wallets: a group of buttons after the status line;
 * resolves with the index picked. The choice is remembered for the rest of the page's life.
 */
export function chooseWallet(wallets, status) {
  const remembered = wallets.findIndex((w) => chosenWallet && w.uuid === chosenWallet.uuid && w.name === chosenWallet.name);
  if (remembered >= 0) {
    return Promise.resolve(remembered);
  }
  say(status, 'Several wallets are installed in this browser. Choose the one to use.', 'info');
  return new Promise((resolve) => {
    const group = document.createElement('div');
    group.className = 'bh-wallets';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Choose a wallet');
    wallets.forEach((w, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'bh-button';
      button.textContent = w.name;
      button.addEventListener('click', () => {
        chosenWallet = w;
        group.remove();
        resolve(i);
      });
      group.append(button);
    });
    status.after(group);
    group.querySelector('button').focus();
  });
}

/** Offers to add the host's chain to a wallet that does not know it (EIP-3085), then switches to it. */
async function addChain(wallet, chain, status) {
  say(status, `Your wallet does not know network ${chain.chainId} yet. Approve adding it in your wallet.`, 'warn');
  const hex = '0x' + chain.chainId.toString(16);
  try {
    await wallet.call('wallet_addEthereumChain', [{ chainId: hex, chainName: chain.chainName || `Network ${chain.chainId}`,
      rpcUrls: [chain.rpcUrl], nativeCurrency: { name: chain.nativeSymbol, symbol: chain.nativeSymbol, decimals: 18 } }]);
    await wallet.switchChain(chain.chainId);
  } catch (e) {
    throw new WalletError(`Your wallet did not add network ${chain.chainId}. Add it (RPC ${chain.rpcUrl}), `
      + 'then press Connect again.');
  }
}

/** Connects the wallet (a choice when several announce); when it is on another network, asks to switch. */
export async function connect(chain, status) {
  say(status, 'Looking for your wallet…', 'info');
  const wallet = await Wallet.connect(window, (wallets) => chooseWallet(wallets, status));
  const current = await wallet.chainId();
  if (current !== chain.chainId) {
    say(status, `Your wallet is on network ${current}. This host sells on network ${chain.chainId}`
      + (chain.chainName ? ` (${chain.chainName})` : '') + '. Approve the switch in your wallet.', 'warn');
    try {
      await wallet.switchChain(chain.chainId);
    } catch (e) {
      if (e.code !== 4902 || !chain.rpcUrl) {
        throw new WalletError(`Your wallet is on network ${current}. Switch it to network ${chain.chainId} to continue, `
          + 'then press Connect again.' + (e.code === 4902 ? ' Your wallet does not know that network yet: add it first.' : ''));
      }
      await addChain(wallet, chain, status);
    }
  }
  say(status, `Connected: ${shortAddress(wallet.account)} (${wallet.name}).`, 'ok');
  return { wallet, rpc: new Chain(wallet) };
}

/** The stablecoin balance of an account, as a BigInt in token units. */
export async function balance(rpc, chain, account) {
  const [units] = await rpc.call(chain.stablecoin.address, 'balanceOf(address)', ['address'], [account], ['uint256']);
  return units;
}

/** Approves exactly `amount` for `spender` when the allowance is short (never unlimited). */
export async function approveExactly(rpc, chain, account, spender, amount, onSent) {
  const [allowance] = await rpc.call(chain.stablecoin.address, 'allowance(address,address)', ['address', 'address'],
    [account, spender], ['uint256']);
  if (allowance >= amount) {
    return false;
  }
  await rpc.send(chain.stablecoin.address, 'approve(address,uint256)', ['address', 'uint256'], [spender, amount], onSent);
  return true;
}

export function money(units, coin) {
  return formatUnits(units, coin.decimals) + ' ' + coin.symbol;
}

/** "in 3 days — 2026-12-08 14:00 UTC" or "2 days ago — …". */
export function when(epochSeconds) {
  const date = new Date(Number(epochSeconds) * 1000);
  const absolute = date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const diff = Number(epochSeconds) - Date.now() / 1000;
  const abs = Math.abs(diff);
  const words = abs >= 86400 ? Math.round(abs / 86400) + ' days' : abs >= 3600 ? Math.round(abs / 3600) + ' hours'
    : Math.max(1, Math.round(abs / 60)) + ' minutes';
  return (diff >= 0 ? 'in ' + words : words + ' ago') + ' — ' + absolute;
}

/** Human sentence for any error thrown by the wallet, the chain or this code. */
export function plain(error) {
  if (error instanceof WalletError || (error && error.name === 'WalletError')) {
    return error.message;
  }
  if (error && typeof error.message === 'string' && /^[A-Z].*[.!]$/.test(error.message) && error.message.length < 300) {
    return error.message;
  }
  return 'Something went wrong. Nothing more was sent; reload the page and try again.';
}
