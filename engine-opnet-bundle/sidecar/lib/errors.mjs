// The three kinds of failure the protocol reports: a bad request, a refusal by the contract
// (simulation reverted, nothing sent) and everything else (node down, broadcast failed, ...).
export class Invalid extends Error {}
export class Rejected extends Error {}

const MAX_REASON = 200;

/** A reason fit for the response: one line, printable, bounded, never the RPC URL. */
export function reason(error, rpcUrl) {
    let text = String(error?.message ?? error ?? 'unknown error');
    if (rpcUrl) text = text.split(rpcUrl).join('<rpc>');
    text = text.replace(/https?:\/\/\S+/g, '<url>').replace(/[^\x20-\x7e]+/g, ' ').trim();
    return text.length > MAX_REASON ? text.slice(0, MAX_REASON) + '…' : text || 'unknown error';
}
