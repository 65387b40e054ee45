// BlockHost wallet module: EIP-6963 provider discovery with an EIP-1193 (window.ethereum)
// fallback, chain switching, personal_sign and transaction sending, with errors in plain words.
// No framework, no dependencies; nothing that derives a key ever leaves the browser.

const DISCOVERY_MS = 400;

/** A wallet error whose message can be shown to the user as it is. */
export class WalletError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'WalletError';
    this.code = code;
  }
}

/** Turns an EIP-1193 error into a sentence that says what happened and what to do next. */
export function explain(error) {
  const code = error && typeof error === 'object' ? error.code : undefined;
  switch (code) {
    case 4001: return new WalletError('You declined the request in your wallet. Nothing was signed or sent.', code);
    case 4100: return new WalletError('Your wallet has not allowed this site yet: connect it and try again.', code);
    case 4200: return new WalletError('Your wallet cannot do this. Try another wallet.', code);
    case 4900: case 4901: return new WalletError('Your wallet is not connected to a network. Connect it and try again.', code);
    case 4902: return new WalletError('Your wallet does not know this network yet. Add it in your wallet, then try again.', code);
    case -32002: return new WalletError('Your wallet already has a request waiting: open it and answer that first.', code);
    default: return new WalletError('The wallet reported a problem. Try again, or use another wallet.', code);
  }
}

/** Wallets announced through EIP-6963, waiting briefly for announcements. */
export function discover(win = window, waitMs = DISCOVERY_MS) {
  return new Promise((resolve) => {
    const found = new Map();
    const onAnnounce = (event) => {
      const detail = event.detail;
      if (detail && detail.info && detail.provider && typeof detail.provider.request === 'function') {
        found.set(detail.info.uuid || detail.info.rdns || String(found.size), detail);
      }
    };
    win.addEventListener('eip6963:announceProvider', onAnnounce);
    win.dispatchEvent(new Event('eip6963:requestProvider'));
    setTimeout(() => {
      win.removeEventListener('eip6963:announceProvider', onAnnounce);
      resolve([...found.values()]);
    }, waitMs);
  });
}

/**
 * An announced wallet, else the injected EIP-1193 provider; null when there is none. With several
 * announced and a `choose` function, `choose([{name, rdns, uuid}])` resolves with the index of the
 * one the user picked; without it, the first.
 */
export async function pickProvider(win = window, choose = null) {
  const announced = await discover(win);
  if (announced.length > 0) {
    let i = 0;
    if (announced.length > 1 && choose) {
      i = await choose(announced.map((a) => ({ name: a.info.name || 'wallet', rdns: a.info.rdns || '', uuid: a.info.uuid || '' })));
      if (!Number.isInteger(i) || i < 0 || i >= announced.length) {
        throw new WalletError('No wallet was chosen. Press Connect again to choose one.', 'no-choice');
      }
    }
    return { provider: announced[i].provider, name: announced[i].info.name || 'wallet' };
  }
  if (win.ethereum && typeof win.ethereum.request === 'function') {
    return { provider: win.ethereum, name: 'browser wallet' };
  }
  return null;
}

/** A connected wallet: its provider and account. */
export class Wallet {
  constructor(provider, account, name) {
    this.provider = provider;
    this.account = account;
    this.name = name;
  }

  /** Connects to a wallet (asks the user once; `choose` as in pickProvider); throws WalletError. */
  static async connect(win = window, choose = null) {
    const picked = await pickProvider(win, choose);
    if (!picked) {
      throw new WalletError('No wallet found. Install a browser wallet, then reload this page.', 'no-wallet');
    }
    try {
      const accounts = await picked.provider.request({ method: 'eth_requestAccounts' });
      if (!accounts || accounts.length === 0) {
        throw new WalletError('Your wallet shared no account. Unlock it and try again.', 'no-account');
      }
      return new Wallet(picked.provider, accounts[0], picked.name);
    } catch (e) {
      throw e instanceof WalletError ? e : explain(e);
    }
  }

  async call(method, params) {
    try {
      return await this.provider.request({ method, params });
    } catch (e) {
      throw explain(e);
    }
  }

  /** The wallet's chain id as a number. */
  async chainId() {
    return Number.parseInt(await this.call('eth_chainId', []), 16);
  }

  /** Switches the wallet to a chain (wallet_switchEthereumChain). */
  async switchChain(chainId) {
    if ((await this.chainId()) === chainId) {
      return;
    }
    await this.call('wallet_switchEthereumChain', [{ chainId: '0x' + chainId.toString(16) }]);
  }

  /** personal_sign of a text message; the 65-byte signature as 0x-hex. */
  async signMessage(text) {
    const hex = '0x' + [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return this.call('personal_sign', [hex, this.account]);
  }

  /** Sends a transaction from the account; resolves with its hash. */
  async sendTransaction(tx) {
    return this.call('eth_sendTransaction', [{ from: this.account, ...tx }]);
  }
}

/** 0x1234…abcd for tables; the full address belongs in a title or a copy button. */
export function shortAddress(address) {
  return address && address.length > 12 ? address.slice(0, 6) + '…' + address.slice(-4) : address;
}
