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
import { registerAccessKey, WriteRefused } from '../src/writes.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const CRED = '0x' + 'c3'.repeat(32);
const K = '03' + '7a'.repeat(32);
const network = networks.regtest;
const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).deriveOPWallet();
const chain = { network: 'regtest', credential: CRED, host: 'localhost' };
const u256 = (n) => BigInt(n).toString(16).padStart(64, '0');
const u32 = (n) => n.toString(16).padStart(8, '0');
const SET = selector('setAccessKey(uint256,bytes)');
const GET = selector('getAccessKey(uint256)');
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
