// eth_getLogs over a long history in bounded block windows: public RPC providers refuse ranges that
// are too wide or answers that are too long, so a wallet's token scan asks window by window and
// halves the window when the provider says the range was too much.

/** Blocks asked for per call at first. */
export const FIRST_WINDOW = 50000n;

const TOO_MUCH = /range|limit|too (many|large|big)|exceed|more than|query returned|response size/i;

/** True when a provider's error says the query was too large (rather than failing for another reason). */
export function tooMuch(error) {
  const text = [error && error.message, error && error.data && error.data.message, error && error.code].join(' ');
  return error && (error.code === -32005 || TOO_MUCH.test(text));
}

/**
 * Every log of {address} matching {topics} in blocks from..to (inclusive, bigint), asked in windows.
 * {request} is an EIP-1193 request function; {onProgress(done, total)} is told after each window.
 */
export async function logsInWindows(request, { address, topics, from, to, window = FIRST_WINDOW, onProgress }) {
  const logs = [];
  let start = from;
  let size = window;
  while (start <= to) {
    const end = start + size - 1n < to ? start + size - 1n : to;
    try {
      logs.push(...await request({ method: 'eth_getLogs',
        params: [{ address, topics, fromBlock: hex(start), toBlock: hex(end) }] }));
    } catch (e) {
      if (!tooMuch(e) || size === 1n) {
        throw e;
      }
      size = size / 2n;
      continue;
    }
    start = end + 1n;
    if (onProgress) {
      onProgress(start - from, to - from + 1n);
    }
  }
  return logs;
}

function hex(n) {
  return '0x' + n.toString(16);
}
