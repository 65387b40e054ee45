// The token scan of /servers over a long chain: bounded windows, halved when the provider refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logsInWindows, tooMuch } from '../src/log-windows.js';

/** A provider holding one log per block in 0..head that refuses ranges wider than {limit} blocks. */
function provider(limit, failOther) {
  const calls = [];
  const request = async ({ method, params: [q] }) => {
    assert.equal(method, 'eth_getLogs');
    const from = BigInt(q.fromBlock);
    const to = BigInt(q.toBlock);
    calls.push([from, to]);
    if (failOther) {
      throw Object.assign(new Error('connection reset'), { code: -32603 });
    }
    if (to - from + 1n > limit) {
      throw Object.assign(new Error(`query exceeds max block range ${limit}`), { code: -32600 });
    }
    const logs = [];
    for (let b = from; b <= to; b += 1n) {
      logs.push({ blockNumber: '0x' + b.toString(16) });
    }
    return logs;
  };
  return { request, calls };
}

test('every block is asked once, in windows, in order', async () => {
  const p = provider(1000n);
  const seen = [];
  const logs = await logsInWindows(p.request, { address: '0x1', topics: [], from: 5n, to: 2504n, window: 1000n,
    onProgress: (done, total) => seen.push([done, total]) });
  assert.equal(logs.length, 2500);
  assert.deepEqual(logs.map((l) => BigInt(l.blockNumber)), [...Array(2500).keys()].map((i) => BigInt(i + 5)));
  assert.deepEqual(p.calls, [[5n, 1004n], [1005n, 2004n], [2005n, 2504n]]);
  assert.deepEqual(seen.at(-1), [2500n, 2500n]);
});

test('a refused range is halved until the provider accepts it, and nothing is skipped', async () => {
  const p = provider(3000n);
  const logs = await logsInWindows(p.request, { address: '0x1', topics: [], from: 0n, to: 9999n, window: 10000n });
  assert.equal(logs.length, 10000);
  assert.equal(new Set(logs.map((l) => l.blockNumber)).size, 10000);
  assert.ok(p.calls.every(([a, b]) => b - a + 1n <= 10000n));
});

test('an error that is not about the range size is not retried', async () => {
  const p = provider(10n, true);
  await assert.rejects(logsInWindows(p.request, { address: '0x1', topics: [], from: 0n, to: 100n, window: 50n }),
    /connection reset/);
  assert.equal(p.calls.length, 1);
});

test('range errors are recognised by code or by words', () => {
  assert.ok(tooMuch({ code: -32005, message: 'limit' }));
  assert.ok(tooMuch({ code: -32000, message: 'Log response size exceeded.' }));
  assert.ok(tooMuch({ code: -32602, message: 'query returned more than 10000 results' }));
  assert.ok(!tooMuch({ code: 4001, message: 'User rejected the request.' }));
});

test('an empty range asks nothing', async () => {
  const p = provider(10n);
  assert.deepEqual(await logsInWindows(p.request, { address: '0x1', topics: [], from: 10n, to: 9n }), []);
  assert.equal(p.calls.length, 0);
});
