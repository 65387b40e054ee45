// Follows an OPNet purchase after OP_WALLET broadcast it, through core's engine-neutral purchase progress
// (/api/public/purchase/tx/<transaction>: 404 until the host saw the purchase in a block, then the pipeline's stage and
// whether the server finished its first boot), until the server is ready for login. No module of the SDK is needed.

/** Each stage: its place on the buy page's progress bar (after the 5 steps of paying) and its words. */
export const STAGES = {
  waiting: [6, (txid) => `Purchased in ${txid}. Waiting for a block to hold it (about ten minutes); then the host `
    + 'creates your server. You can keep this page open or come back to My servers later.'],
  received: [7, () => 'Payment confirmed on chain. Creating your server…'],
  vm_created: [8, () => 'Server created. Sealing its connection details to your key…'],
  credentials_encrypted: [9, () => 'Details sealed to your key. The host is minting your access NFT: one OPNet '
    + 'transaction, confirmed in the next block (about ten minutes)…'],
  nft_minted: [10, () => 'NFT minted. Binding the server to your wallet for SSH login…'],
  owner_set: [11, () => 'Almost done: starting your server…'],
  active: [11, () => 'Your server is booting for the first time…'],
  ready: [12, () => 'Your server is ready for login.'],
};
/** Longest wait for a first boot (or 3 × this host's typical one) before the page stops waiting, with a warning. */
export const MAX_BOOT_WAIT_S = 600;

/** A purchase the host parked or a first boot that takes far too long, in words that say what to do next. */
export class FollowStopped extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind;
  }
}

/** "about 2 minutes" / "about 40 seconds" for a typical first boot. */
export function bootText(seconds) {
  return seconds >= 90 ? `about ${Math.round(seconds / 60)} minutes` : `about ${Math.max(5, Math.round(seconds / 5) * 5)} seconds`;
}

/** The stage a purchase answer means ('waiting' while the host has not seen it). */
export function stageOf(p) {
  if (!p) {
    return 'waiting';
  }
  if (p.stage === 'active' && p.ready) {
    return 'ready';
  }
  return Object.hasOwn(STAGES, p.stage) ? p.stage : 'waiting';
}

/**
 * Polls `get(path)` (a JSON GET answering null for a 404 or an outage) every `pollMs` until the purchase of `txid` is
 * ready; `show(stage, value, words)` hears every answer. Answers the subscription id; throws FollowStopped when the
 * host parked the purchase ('parked') or the first boot exceeded the wait ('boot').
 */
export async function followPurchase(txid, get, show, { pollMs = 3000, now = Date.now, sleep } = {}) {
  const wait = sleep || ((ms) => new Promise((r) => setTimeout(r, ms)));
  let bootStarted = null;
  for (;;) {
    const p = await get('/api/public/purchase/tx/' + txid);
    const stage = stageOf(p);
    if (p && p.parked) {
      throw new FollowStopped(`The host could not finish setting up your server: ${p.reason} Your payment is recorded on `
        + `chain (${txid}); open My servers later, or give the host's operator that transaction id.`, 'parked');
    }
    const typical = p && Number.isInteger(p.typicalBootSeconds) ? p.typicalBootSeconds : null;
    const [value, words] = STAGES[stage];
    const boot = typical !== null && stage !== 'ready' ? ` A first boot takes ${bootText(typical)} on this host.` : '';
    show(stage, value, words(txid) + boot, p ? p.subscriptionId : null);
    if (stage === 'ready') {
      return p.subscriptionId;
    }
    if (stage === 'active') {
      bootStarted = bootStarted || now();
      if (now() - bootStarted > 1000 * Math.max(MAX_BOOT_WAIT_S, 3 * (typical || 0))) {
        throw new FollowStopped(`Your server (subscription #${p.subscriptionId}) has not reported that its first boot `
          + 'finished. Open My servers in a few minutes; if SSH still does not answer, ask the host\'s operator.', 'boot');
      }
    }
    await wait(pollMs);
  }
}
