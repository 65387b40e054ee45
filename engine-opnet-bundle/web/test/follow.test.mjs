// The buy page's follow of a purchase (follow.js) against scripted answers of core's /api/public/purchase/tx/<id>:
// every stage in order with its progress value and words until ready, the subscription id learnt from the host;
// a parked purchase and a first boot that takes far too long stop with what to do next; odd answers wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followPurchase, FollowStopped, stageOf, bootText } from '../src/follow.js';

const TX = 'ab'.repeat(32);
const answers = (list) => {
  const asked = [];
  return { asked, get: async (path) => { asked.push(path); return list.length > 1 ? list.shift() : list[0]; } };
};
const at = (stage, more = {}) => ({ subscriptionId: 4, stage, parked: false, ready: false, ...more });

test('every stage until ready, values rising, the subscription id from the host', async () => {
  const host = answers([null, null, at('received'), at('vm_created'), at('credentials_encrypted'), at('nft_minted'),
    at('owner_set'), at('active', { typicalBootSeconds: 40 }), at('active', { ready: true, typicalBootSeconds: 40 })]);
  const seen = [];
  const id = await followPurchase(TX, host.get, (stage, value, words, sub) => seen.push([stage, value, words, sub]),
    { sleep: async () => {} });
  assert.equal(id, 4);
  assert.deepEqual(seen.map((s) => s[0]), ['waiting', 'waiting', 'received', 'vm_created', 'credentials_encrypted',
    'nft_minted', 'owner_set', 'active', 'ready']);
  const values = seen.map((s) => s[1]);
  assert.deepEqual(values, [...values].sort((a, b) => a - b), 'the bar never goes back');
  assert.equal(values.at(-1), 12);
  assert.match(seen[0][2], new RegExp(`^Purchased in ${TX}\\. Waiting for a block`));
  assert.equal(seen[0][3], null);
  assert.match(seen[4][2], /minting your access NFT/);
  assert.match(seen[7][2], /A first boot takes about 40 seconds on this host\.$/);
  assert.equal(seen[8][2], 'Your server is ready for login.');
  assert.ok(host.asked.every((p) => p === '/api/public/purchase/tx/' + TX));
});

test('a parked purchase stops with the safe reason, the transaction and what to do next', async () => {
  const host = answers([at('received'), at('received', { parked: true, reason: 'The host could not finish it automatically '
    + 'and is waiting for its operator.' })]);
  const stop = await followPurchase(TX, host.get, () => {}, { sleep: async () => {} }).catch((e) => e);
  assert.ok(stop instanceof FollowStopped);
  assert.equal(stop.kind, 'parked');
  assert.match(stop.message, new RegExp(`waiting for its operator\\. Your payment is recorded on chain \\(${TX}\\); open My servers later`));
});

test('a first boot past the longest wait stops with a warning; unknown stages wait', async () => {
  let clock = 0;
  const host = answers([{ stage: 'something-new' }, at('active')]);
  const shown = [];
  const stop = await followPurchase(TX, host.get, (stage) => shown.push(stage),
    { now: () => clock, sleep: async () => { clock += 60_000; } }).catch((e) => e);
  assert.equal(stop.kind, 'boot');
  assert.match(stop.message, /subscription #4\) has not reported that its first boot finished\. Open My servers/);
  assert.equal(shown[0], 'waiting');
  assert.equal(clock, 720_000, 'booting since 60 s: stops at the first poll past 600 s of it');
  assert.equal(stageOf(at('active', { ready: true })), 'ready');
  assert.equal(bootText(150), 'about 3 minutes');
});
