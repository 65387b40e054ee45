// Shared pieces of the OPNet pages (/sign, /servers): status lines (the kit's say) and errors in plain words.
export { say } from '/kit/dom.js';

export const $ = (id) => document.getElementById(id);

/**
 * A sentence for the page: the page's own refusals (instances of `own`) as they are, a declined request and anything
 * else from the wallet in plain words, ending with `fallback` (what to do next).
 */
export function plain(e, own, fallback) {
  if (own.some((type) => e instanceof type)) {
    return e.message;
  }
  if (e && (e.code === 4001 || /reject|denied|cancel/i.test(String(e.message)))) {
    return 'You declined the request in OP_WALLET. Nothing was signed or sent.';
  }
  if (e && typeof e.message === 'string' && /^[A-Z].*[.!]$/.test(e.message) && e.message.length < 300) {
    return e.message;
  }
  return fallback;
}
