// Contract calls of the buyer pages through the connected wallet (EIP-1193): a minimal ABI coder
// for the types the contracts use here (uint256, address, bool, bytes), receipts, and revert
// reasons in plain words.
import { keccak256, bytesToHex, hexToBytes } from './bytes.js';
import { logsInWindows } from './log-windows.js';

const WORD = 64;

function selector(signature) {
  return bytesToHex(keccak256(new TextEncoder().encode(signature)).subarray(0, 4));
}

export function topic(signature) {
  return '0x' + bytesToHex(keccak256(new TextEncoder().encode(signature)));
}

function word(value) {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 256n) {
    throw new Error('value out of range');
  }
  return v.toString(16).padStart(WORD, '0');
}

/** Call data for `name(types)` with args; types among uint256, address, bytes. */
export function encodeCall(signature, types, args) {
  let head = '';
  let tail = '';
  types.forEach((type, i) => {
    if (type === 'bytes') {
      const data = bytesToHex(hexToBytes(args[i]));
      head += word((types.length * 32) + tail.length / 2);
      tail += word(data.length / 2) + data.padEnd(Math.ceil(data.length / WORD) * WORD, '0');
    } else if (type === 'address') {
      head += String(args[i]).replace(/^0x/, '').toLowerCase().padStart(WORD, '0');
    } else {
      head += word(args[i]);
    }
  });
  return '0x' + selector(signature) + head + tail;
}

/** Decodes return data of static words and single bytes values. */
export function decode(types, hex) {
  const data = String(hex).replace(/^0x/, '');
  return types.map((type, i) => {
    const w = data.slice(i * WORD, (i + 1) * WORD);
    if (w.length !== WORD) {
      throw new Error('short answer from the chain');
    }
    if (type === 'address') {
      return '0x' + w.slice(24);
    }
    if (type === 'bool') {
      return BigInt('0x' + w) !== 0n;
    }
    if (type === 'bytes' || type === 'string') {
      const at = Number(BigInt('0x' + w)) * 2;
      const len = Number(BigInt('0x' + data.slice(at, at + WORD))) * 2;
      const body = data.slice(at + WORD, at + WORD + len);
      return type === 'bytes' ? '0x' + body : new TextDecoder().decode(hexToBytes(body));
    }
    return BigInt('0x' + w);
  });
}

const ERRORS = {
  'PriceAboveMax(uint256,uint256)': 'The price went up after you chose the plan. Nothing was charged; reload the page to see the new price.',
  'PlanInactive(uint256)': 'This plan is no longer sold. Choose another plan.',
  'PlanNotFound(uint256)': 'This plan does not exist any more. Reload the page.',
  'InvalidDays(uint256)': 'Choose between 1 and 3650 days.',
  'InvalidAccessKey()': 'Your wallet\'s access key was refused. Sign the access-key message again.',
  'SubscriptionIsCancelled(uint256)': 'This subscription was cancelled and cannot be renewed.',
  'SubscriptionIsDestroyed(uint256)': 'This server was deleted after its grace period and cannot be renewed. Buy a new one.',
  'NotTokenOwner(uint256,address)': 'Only the wallet that holds this server\'s NFT can do this.',
  'ERC20InsufficientBalance(address,uint256,uint256)': 'Your wallet does not hold enough stablecoin for this payment.',
  'ERC20InsufficientAllowance(address,uint256,uint256)': 'The payment approval is too small. Approve the amount again.',
};
const BY_SELECTOR = Object.fromEntries(Object.entries(ERRORS).map(([sig, text]) => ['0x' + selector(sig), text]));

function revertData(error) {
  for (let e = error, i = 0; e && i < 4; e = e.data || e.cause, i++) {
    if (typeof e === 'string' && /^0x[0-9a-f]{8}/i.test(e)) {
      return e;
    }
    if (e && typeof e.data === 'string' && /^0x[0-9a-f]{8}/i.test(e.data)) {
      return e.data;
    }
  }
  return null;
}

/** A sentence for a failed call or transaction, or null when it was not a contract revert. */
export function revertReason(error) {
  const data = revertData(error);
  if (!data) {
    return null;
  }
  return BY_SELECTOR[data.slice(0, 10).toLowerCase()] || 'The contract refused the transaction. Nothing was charged.';
}

/** Reads and transactions through an EIP-1193 provider (the connected wallet). */
export class Chain {
  constructor(wallet) {
    this.wallet = wallet;
  }

  async call(to, signature, types, args, returns) {
    const data = encodeCall(signature, types, args);
    const out = await this.wallet.provider.request({ method: 'eth_call', params: [{ to, data }, 'latest'] });
    return decode(returns, out);
  }

  /**
   * Logs of {address} matching {topics} from block {fromBlock} to the head (eth_getLogs in bounded
   * windows, see log-windows.js); {onProgress(done, total)} follows a long scan.
   */
  async logs(address, topics, fromBlock, onProgress) {
    const request = (args) => this.wallet.provider.request(args);
    const head = BigInt(await request({ method: 'eth_blockNumber', params: [] }));
    return logsInWindows(request, { address, topics, from: BigInt(fromBlock), to: head, onProgress });
  }

  /** Sends a transaction and waits for it to be mined; resolves with the receipt, throws on revert. */
  async send(to, signature, types, args, onSent) {
    const data = encodeCall(signature, types, args);
    try {
      await this.wallet.provider.request({ method: 'eth_call', params: [{ from: this.wallet.account, to, data }, 'latest'] });
    } catch (e) {
      const reason = revertReason(e);
      throw new Error(reason || 'The chain refused this transaction before it was sent. Nothing was charged.');
    }
    const hash = await this.wallet.sendTransaction({ to, data });
    if (onSent) {
      onSent(hash);
    }
    return this.receipt(hash);
  }

  async receipt(hash) {
    for (;;) {
      const r = await this.wallet.provider.request({ method: 'eth_getTransactionReceipt', params: [hash] });
      if (r) {
        if (r.status !== '0x1') {
          throw new Error('The transaction failed on chain. Nothing was charged except the network fee.');
        }
        return r;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A token amount in its decimal units, 2 decimals shown (30.00). */
export function formatUnits(amount, decimals, shown = 2) {
  const scale = 10n ** BigInt(decimals);
  const whole = amount / scale;
  const frac = ((amount % scale) * 10n ** BigInt(shown)) / scale;
  return whole.toString() + (shown > 0 ? '.' + frac.toString().padStart(shown, '0') : '');
}
