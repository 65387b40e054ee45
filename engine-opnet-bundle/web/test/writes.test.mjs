// The buyer pages' writes (src/writes.js) against the sidecar's loopback fixture node, with an OP_WALLET double that
// does what the extension does with web3.signAndBroadcastInteraction: the SDK's TransactionFactory signs the
// interaction with the wallet's keys and the node's epoch challenge, and the package is broadcast to the node. The
// broadcast is decoded back (@btc-vision/bitcoin, noble): it carries exactly setAccessKey(token, K).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Mnemonic, MLDSASecurityLevel, TransactionFactory } from '@btc-vision/transaction';
import { networks, toHex, toBase64, address as baddress, Transaction } from '@btc-vision/bitcoin';
import { JSONRpcProvider } from 'opnet';
import { RpcFixture, fundingSource } from '../../sidecar/test/fixture.mjs';
import { decode, selector, interactionCalldata, validSignatures } from '../../sidecar/test/decode.mjs';
import { registerAccessKey, buySubscription, extendSubscription, formatUnits, relay, WriteRefused } from '../src/writes.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const CRED = '0x' + 'c3'.repeat(32);
const K = '03' + '7a'.repeat(32);
const network = networks.regtest;
const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).deriveOPWallet();
const u256 = (n) => BigInt(n).toString(16).padStart(64, '0');
const u32 = (n) => n.toString(16).padStart(8, '0');
const SET = selector('setAccessKey(uint256,bytes)');
const GET = selector('getAccessKey(uint256)');
const SUBS = '0x' + '5a'.repeat(32);
const TOKEN = { address: '0x' + '70'.repeat(32), symbol: 'TUSD', decimals: 6 };
const BALANCE = selector('balanceOf(address)');
const ALLOWANCE = selector('allowance(address,address)');
const APPROVE = selector('increaseAllowance(address,uint256)');
const BUY = selector('buySubscription(uint256,uint64,bytes,uint256)');
const EXTEND = selector('extendSubscription(uint256,uint64,uint256)');
const chain = { network: 'regtest', credential: CRED, subscriptions: SUBS, host: 'localhost' };
let fixture, registered, source;

/** An OP_WALLET double: the extension's answers for this wallet; signAndBroadcastInteraction through the SDK. */
function opWallet({ broadcast = true } = {}) {
  const calls = [];
  return {
    calls,
    async requestAccounts() { calls.push('requestAccounts'); return [wallet.p2tr]; },
    async getPublicKey() { calls.push('getPublicKey'); return toHex(wallet.keypair.publicKey); },
    web3: {
      async getMLDSAPublicKey() { calls.push('getMLDSAPublicKey'); return toHex(wallet.mldsaKeypair.publicKey); },
      async signAndBroadcastInteraction(params) {
        calls.push('signAndBroadcastInteraction');
        const node = new JSONRpcProvider({ url: fixture.url, network });
        const challenge = await node.getChallenge();
        const signed = await new TransactionFactory().signInteraction({
          ...params, signer: wallet.keypair, mldsaSigner: wallet.mldsaKeypair, challenge });
        if (!broadcast) {
          return [{ success: false, error: 'mempool full' }, { success: false, error: 'mempool full' }, [], ''];
        }
        await node.sendRawTransactionPackage([signed.fundingTransaction, signed.interactionTransaction], true);
        const ids = [signed.fundingTransaction, signed.interactionTransaction].map((h) => Transaction.fromHex(h).getId());
        return [{ success: true, result: ids[0] }, { success: true, result: ids[1] }, signed.nextUTXOs, ids[1]];
      },
    },
  };
}

before(async () => {
  fixture = await new RpcFixture(network).start();
  globalThis.location = { href: fixture.url };
  fixture.callAnswers = { get: (sel) => (sel === GET && registered ? {
    result: toBase64(Buffer.from(u32(33) + registered, 'hex')), events: {}, accessList: {}, estimatedGas: '1000' } : undefined) };
});
after(() => fixture.stop());
beforeEach(() => {
  registered = null;
  source = fundingSource(wallet.p2tr, 500_000, network, 1, 3);
  fixture.utxos = [source];
  fixture.broadcasts = [];
  fixture.requests = [];
});

test('re-key: simulated as the wallet, handed to OP_WALLET, the broadcast carries setAccessKey(token, K), then confirmed', async () => {
  const steps = [];
  const opnet = opWallet();
  const done = registerAccessKey(opnet, chain, 2, K, (s) => {
    steps.push(s);
    if (s === 'sent') {
      registered = K; // the next block holds it
    }
  }, { pollMs: 10, attempts: 50 });
  const txid = await done;
  assert.deepEqual(steps, ['simulating', 'wallet', 'sent', 'confirmed']);
  const simulated = fixture.calls('btc_call').find((r) => r.params[1].startsWith(SET));
  assert.equal(simulated.params[0], CRED, 'simulated on the credential contract');
  assert.equal(simulated.params[2], wallet.address.toHex(), 'as the wallet\'s OPNet address');
  assert.equal(simulated.params[1], SET + u256(2) + u32(33) + K, 'setAccessKey(uint256 token, bytes K)');
  assert.equal(fixture.broadcasts.length, 2, 'funding + interaction, broadcast by the wallet');
  const [funding, interaction] = fixture.broadcasts.map(decode);
  assert.equal(interaction.getId(), txid, 'the page reports the interaction id');
  const outputKey = baddress.toOutputScript(wallet.p2tr, network).subarray(2);
  assert.equal(validSignatures(funding, 0, [source], outputKey), 1, 'the funding spends the wallet\'s UTXO');
  const { calldata, leaf } = interactionCalldata(interaction);
  assert.ok(toHex(calldata).endsWith(SET + u256(2) + u32(33) + K), 'the interaction carries setAccessKey(2, K)');
  const hash160 = createHash('ripemd160').update(createHash('sha256').update(Buffer.from(CRED.slice(2), 'hex')).digest()).digest('hex');
  assert.ok(toHex(leaf).includes(hash160), 'committed to the credential contract');
  assert.deepEqual(fixture.calls('btc_sendRawTransactionPackage').length, 1);
  assert.ok(fixture.calls('btc_getUTXOs').length >= 1 && fixture.calls('btc_gas').length >= 1, 'UTXOs and fees read from the node');
  assert.ok(fixture.calls('btc_call').filter((r) => r.params[1].startsWith(GET)).length >= 1, 'confirmation read back');
});

test('a reverting simulation is refused before the wallet is asked', async () => {
  fixture.callAnswers = new Map([[SET, { result: '', revert: toBase64(Buffer.concat([Buffer.from('63739d5c', 'hex'),
    Buffer.from(u32(12), 'hex'), Buffer.from('NotOwnerOfIt')])), events: {}, accessList: {}, estimatedGas: '1000' }]]);
  const opnet = opWallet();
  try {
    await assert.rejects(registerAccessKey(opnet, chain, 2, K, () => {}), (e) => e instanceof WriteRefused
      && /contract refuses this transaction \(.*NotOwnerOfIt.*\)\. Nothing was sent\./.test(e.message));
    assert.ok(!opnet.calls.includes('signAndBroadcastInteraction'));
    assert.equal(fixture.broadcasts.length, 0);
  } finally {
    fixture.callAnswers = { get: (sel) => (sel === GET && registered ? {
      result: toBase64(Buffer.from(u32(33) + registered, 'hex')), events: {}, accessList: {}, estimatedGas: '1000' } : undefined) };
  }
});

test('no bitcoin for the fee, a wallet that cannot send, a failed broadcast: refused saying what to do', async () => {
  fixture.utxos = [];
  const opnet = opWallet();
  await assert.rejects(registerAccessKey(opnet, chain, 2, K, () => {}), (e) => e instanceof WriteRefused
    && e.message.includes(wallet.p2tr) && /Send some bitcoin to it/.test(e.message));
  assert.ok(!opnet.calls.includes('signAndBroadcastInteraction'));
  fixture.utxos = [source];
  const old = opWallet();
  delete old.web3.signAndBroadcastInteraction;
  await assert.rejects(registerAccessKey(old, chain, 2, K, () => {}), /cannot send OPNet transactions. Update OP_WALLET/);
  await assert.rejects(registerAccessKey(undefined, chain, 2, K, () => {}), WriteRefused);
  await assert.rejects(registerAccessKey(opWallet({ broadcast: false }), chain, 2, K, () => {}),
    /could not broadcast the transaction. Nothing was paid for it/);
  assert.equal(fixture.broadcasts.length, 0);
  await assert.rejects(registerAccessKey(opWallet(), { ...chain, network: 'signet' }, 2, K, () => {}), /unknown network/);
});

test('not confirmed in time: says it was sent and what to do', async () => {
  await assert.rejects(registerAccessKey(opWallet(), chain, 2, K, () => {}, { pollMs: 1, attempts: 3 }),
    /^Error: Sent in [0-9a-f]{64}, not confirmed yet\. Reload this page later/);
});

/** The fixture's OP20 double: balanceOf answers `held`, allowance `allowed()` (u256 words). */
function token(held, allowed) {
  const word = (v) => ({ result: toBase64(Buffer.from(u256(v), 'hex')), events: {}, accessList: {}, estimatedGas: '1000' });
  fixture.callAnswers = { get: (sel) => (sel === BALANCE ? word(held) : sel === ALLOWANCE ? word(allowed()) : undefined) };
}

const interactions = () => fixture.broadcasts.map(decode).filter((_, i) => i % 2 === 1).map((tx) => toHex(interactionCalldata(tx).calldata));

test('buy: the balance read first, approval of exactly the total to the subscriptions contract, confirmed, then buySubscription(plan, days, K, total)', async () => {
  const total = 3n * 1_500_000n;
  let approved = 0n;
  token(10_000_000n, () => approved);
  const steps = [];
  const txid = await buySubscription(opWallet(), chain, TOKEN, 1, 3, K, total, (step, id) => {
    steps.push(step);
    if (step === 'approve:sent') {
      approved = total; // a block holds the approval
    }
  }, { pollMs: 10, attempts: 50 });
  assert.deepEqual(steps, ['balance', 'approve:simulating', 'approve:wallet', 'approve:sent', 'approve:confirmed',
    'buy:simulating', 'buy:wallet', 'buy:sent']);
  const [approve, buy] = interactions();
  assert.ok(approve.endsWith(APPROVE + SUBS.slice(2) + u256(total)), 'increaseAllowance(subscriptions, exactly the total)');
  assert.ok(buy.endsWith(BUY + u256(1) + (3).toString(16).padStart(16, '0') + u32(33) + K + u256(total)),
    'buySubscription(plan 1, 3 days, K, max = the total)');
  assert.equal(decode(fixture.broadcasts[3]).getId(), txid);
  const balanceRead = fixture.calls('btc_call').find((r) => r.params[1].startsWith(BALANCE));
  assert.equal(balanceRead.params[1], BALANCE + wallet.address.toHex().slice(2), 'the wallet\'s own balance');
  const simulated = fixture.calls('btc_call').filter((r) => r.params[1].startsWith(APPROVE) || r.params[1].startsWith(BUY));
  assert.deepEqual(simulated.map((r) => r.params[0]), [TOKEN.address, SUBS], 'approve on the token, buy on the subscriptions contract');
});

test('buy: an allowance that covers the total is not approved again', async () => {
  token(10_000_000n, () => 9_000_000n);
  const steps = [];
  await buySubscription(opWallet(), chain, TOKEN, 2, 1, K, 3_000_000n, (step) => steps.push(step));
  assert.deepEqual(steps, ['balance', 'buy:simulating', 'buy:wallet', 'buy:sent']);
  assert.equal(interactions().length, 1);
  assert.ok(interactions()[0].endsWith(BUY + u256(2) + (1).toString(16).padStart(16, '0') + u32(33) + K + u256(3_000_000n)));
});

test('renew: approval of exactly the total, then extendSubscription(id, days, total) on the subscriptions contract', async () => {
  let approved = 0n;
  token(10_000_000n, () => approved);
  const steps = [];
  await extendSubscription(opWallet(), chain, TOKEN, 7, 30, 45_000_000n / 10n, (step) => {
    steps.push(step);
    if (step === 'approve:sent') {
      approved = 4_500_000n;
    }
  }, { pollMs: 10, attempts: 50 });
  assert.deepEqual(steps, ['balance', 'approve:simulating', 'approve:wallet', 'approve:sent', 'approve:confirmed',
    'buy:simulating', 'buy:wallet', 'buy:sent']);
  const [approve, extend] = interactions();
  assert.ok(approve.endsWith(APPROVE + SUBS.slice(2) + u256(4_500_000n)));
  assert.ok(extend.endsWith(EXTEND + u256(7) + (30).toString(16).padStart(16, '0') + u256(4_500_000n)),
    'extendSubscription(7, 30 days, max = the total)');
  const simulated = fixture.calls('btc_call').find((r) => r.params[1].startsWith(EXTEND));
  assert.equal(simulated.params[0], SUBS);
});

test('buy: too little of the token is refused before anything is signed, saying how much is needed', async () => {
  token(1_250_000n, () => 0n);
  const opnet = opWallet();
  await assert.rejects(buySubscription(opnet, chain, TOKEN, 1, 3, K, 4_500_000n, () => {}),
    (e) => e instanceof WriteRefused && e.message === 'Your wallet holds 1.25 TUSD; this purchase needs 4.50 TUSD. Add 3.25 TUSD '
      + `to your OPNet account ${wallet.address.toHex()} and try again.`);
  assert.ok(!opnet.calls.includes('signAndBroadcastInteraction'));
  await assert.rejects(extendSubscription(opnet, chain, TOKEN, 7, 3, 4_500_000n, () => {}),
    (e) => e instanceof WriteRefused && e.message.startsWith('Your wallet holds 1.25 TUSD; this renewal needs 4.50 TUSD.'));
  assert.equal(fixture.broadcasts.length, 0);
  fixture.down = true;
  try {
    await assert.rejects(buySubscription(opWallet(), chain, TOKEN, 1, 3, K, 4_500_000n, () => {}), /could not be read now/);
  } finally {
    fixture.down = false;
  }
});

test('the SDK posts to the relay\'s path exactly (it would append /api/v1/json-rpc)', () => {
  assert.equal(relay('regtest').url, new URL('/api/public/rpc', fixture.url).href);
});

test('amounts: two decimals at least, more only when needed', () => {
  assert.equal(formatUnits(4_500_000n, 6), '4.50');
  assert.equal(formatUnits(1n, 6), '0.000001');
  assert.equal(formatUnits(12n * 10n ** 18n, 18), '12.00');
  assert.equal(formatUnits(5n, 0), '5.00');
});
