// The sidecar as a process against the loopback fixture: every write's transactions decoded back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, symlinkSync, rmSync, readFileSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networks, address as baddress, toHex, fromHex, toBase64, crypto, payments, script, opcodes } from '@btc-vision/bitcoin';
import { Mnemonic, MLDSASecurityLevel, EcKeyPair } from '@btc-vision/transaction';
import { RpcFixture, fundingSource } from './fixture.mjs';
import { SidecarClient, killAll } from './client.mjs';
import { decode, spends, selector, interactionCalldata, validSignatures, deploymentScript, hash256 } from './decode.mjs';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const SUBS = '0x' + '5a'.repeat(32);
const CRED = '0x' + 'c3'.repeat(32);
const OWNER = '0x' + '0b'.repeat(32);
const network = networks.regtest;
const wallet = new Mnemonic(PHRASE, '', network, MLDSASecurityLevel.LEVEL2).deriveOPWallet();
const outputKey = baddress.toOutputScript(wallet.p2tr, network).subarray(2);
const internalKey = wallet.publicKey.subarray(1);
let dir, keyFile, fixture;

const u256 = (n) => BigInt(n).toString(16).padStart(64, '0');
const u32 = (n) => n.toString(16).padStart(8, '0');
const errorRevert = (text) => toBase64(Buffer.concat([
    Buffer.from('63739d5c', 'hex'), Buffer.from(u32(text.length), 'hex'), Buffer.from(text)]));

before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    keyFile = join(dir, 'host.key');
    writeFileSync(keyFile, PHRASE + '\n', { mode: 0o600 });
    fixture = await new RpcFixture(network).start();
});
after(async () => {
    killAll();
    await fixture.stop();
    rmSync(dir, { recursive: true, force: true });
});

async function started(contracts = { subscriptions: SUBS, credential: CRED }) {
    const sidecar = new SidecarClient();
    const answer = await sidecar.request({ id: 0, op: 'init', rpcUrl: fixture.url, network: 'regtest', keyFile, ...contracts });
    assert.equal(answer.ok, true, JSON.stringify(answer));
    return { sidecar, answer };
}

function fund(sats, tag) {
    const source = fundingSource(wallet.p2tr, sats, network, 1, tag);
    fixture.utxos = [source];
    fixture.broadcasts = [];
    fixture.requests = [];
    return source;
}

/** P2WSH of `75 OP_CSV OP_DROP <challenge key> OP_CHECKSIG`: where OPNet's epoch reward goes. */
function epochRewardScript() {
    const lock = script.compile([script.number.encode(75), opcodes.OP_CHECKSEQUENCEVERIFY, opcodes.OP_DROP,
        fromHex(fixture.preimage.legacyPublicKey.slice(2)), opcodes.OP_CHECKSIG]);
    return payments.p2wsh({ redeem: { output: lock }, network }).output;
}

/** The funding transaction's change to the host wallet: the next write's expected input. */
function changeOf(tx) {
    const mine = toHex(baddress.toOutputScript(wallet.p2tr, network));
    const vout = tx.outs.findIndex((o) => toHex(o.script) === mine);
    assert.ok(vout >= 0, 'the funding transaction returns change to the host');
    return { txid: tx.getId(), vout, script: tx.outs[vout].script, value: tx.outs[vout].value };
}

/** Decodes the broadcast package and checks what every write must satisfy; returns the calldata. */
function checkPackage(answer, source, contract) {
    assert.equal(fixture.broadcasts.length, 2, 'funding + interaction broadcast as one package');
    const [funding, interaction] = fixture.broadcasts.map(decode);
    assert.equal(funding.getId(), answer.fundingTxid);
    assert.equal(interaction.getId(), answer.txid);
    assert.deepEqual(spends(funding), [`${source.txid}:${source.vout}`], 'funding spends the fixture UTXO');
    assert.equal(validSignatures(funding, 0, [source], outputKey), 1, 'key-path signature by the host wallet');
    assert.deepEqual(spends(interaction), [`${answer.fundingTxid}:0`], 'interaction spends the funding output');
    const fundingOut = { script: funding.outs[0].script, value: funding.outs[0].value };
    assert.ok(validSignatures(interaction, 0, [fundingOut], internalKey) >= 1, 'script-path signature by the host key');
    assert.equal(toHex(interaction.outs[0].script), toHex(epochRewardScript()), 'first output: the epoch reward (CSV 75 to the challenge key)');
    const leaf = toHex(interactionCalldata(interaction).leaf);
    assert.ok(leaf.includes(toHex(crypto.hash160(fromHex(contract.slice(2))))), 'the script commits to the contract');
    assert.ok(leaf.includes(fixture.preimage.solution.slice(2)), 'the script carries the epoch solution');
    const change = funding.outs.filter((o) => toHex(o.script) === toHex(source.script));
    assert.ok(change.length <= 1);
    const spent = funding.outs.reduce((s, o) => s + BigInt(o.value), 0n);
    assert.ok(spent < BigInt(source.value), 'funding pays a fee and no more than it has');
    const { calldata } = interactionCalldata(interaction);
    const simulated = fixture.calls('btc_call').at(-1).params[1];
    assert.equal(toHex(calldata).endsWith(simulated), true, 'the interaction carries the simulated calldata');
    return simulated;
}

test('init reads the key file itself and reports the wallet, never the phrase', async () => {
    const { sidecar, answer } = await started();
    assert.equal(answer.address, wallet.address.toHex());
    assert.equal(answer.p2tr, wallet.p2tr);
    await sidecar.close();
    for (const word of ['legal', 'sausage', 'yellow']) {
        assert.ok(!sidecar.stdout.includes(word) && !sidecar.stderr.includes(word));
    }
});

test('init refuses unsafe key files and bad parameters without repeating the content', async () => {
    const sidecar = new SidecarClient();
    const base = { op: 'init', rpcUrl: fixture.url, network: 'regtest', subscriptions: SUBS, credential: CRED };
    const open = join(dir, 'open.key');
    writeFileSync(open, PHRASE, { mode: 0o644 });
    chmodSync(open, 0o644);
    const link = join(dir, 'link.key');
    symlinkSync(keyFile, link);
    const groupWritable = join(dir, 'gw.key');
    writeFileSync(groupWritable, PHRASE, { mode: 0o620 });
    chmodSync(groupWritable, 0o620);
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'legal winner thank year wave sausage worth useful legal winner thank thank', { mode: 0o600 });
    const cases = [
        [{ keyFile: open }, /others/], [{ keyFile: link }, /symbolic link/], [{ keyFile: groupWritable }, /group/],
        [{ keyFile: 'relative.key' }, /absolute/], [{ keyFile: join(dir, 'missing') }, /does not exist/],
        [{ keyFile: bad }, /mnemonic|checksum|invalid/i],
        [{ keyFile, network: 'signet' }, /network/], [{ keyFile, rpcUrl: 'ftp://x' }, /http/],
        [{ keyFile, rpcUrl: 'http://u:p@127.0.0.1/' }, /user info/], [{ keyFile, credential: 'bc1pxyz' }, /credential/],
    ];
    let id = 1;
    for (const [change, expected] of cases) {
        const answer = await sidecar.request({ id, ...base, ...change });
        assert.equal(answer.id, id++);
        assert.equal(answer.ok, false);
        const why = answer.invalid ?? answer.unavailable;
        assert.match(why, expected);
        assert.ok(!why.includes('legal'), why);
    }
    assert.match((await sidecar.request({ id: 99, op: 'balance' })).invalid, /not initialised/);
    await sidecar.close();
});

test('mint: simulated, then funding + interaction carrying the mint calldata, signed by the host', async () => {
    const { sidecar } = await started();
    const source = fund(500_000, 1);
    const credentials = 'deadbeef'.repeat(40);
    const answer = await sidecar.request({ id: 5, op: 'mint', subscriptionId: '7', owner: OWNER, credentials });
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assert.equal(answer.id, 5);
    const call = fixture.calls('btc_call')[0];
    assert.equal(call.params[0], CRED, 'simulated against the credential contract');
    assert.equal(call.params[2], wallet.address.toHex(), 'from the host address');
    const calldata = checkPackage(answer, source, CRED);
    assert.equal(calldata, selector('mint(address,uint256,bytes)') + OWNER.slice(2) + u256(7)
        + u32(credentials.length / 2) + credentials);
    assert.equal(fixture.calls('btc_preimage').length, 1, 'the epoch challenge was asked for');
    await sidecar.close();
});

test('updateCredentials, markDestroyed and withdraw: own calldata and contract, each spending the last change', async () => {
    const { sidecar } = await started();
    const cases = [
        [{ op: 'updateCredentials', tokenId: '3', credentials: '0102' }, CRED,
            selector('updateCredentials(uint256,bytes)') + u256(3) + u32(2) + '0102'],
        [{ op: 'markDestroyed', subscriptionId: 12 }, SUBS, selector('markDestroyed(uint256)') + u256(12)],
        [{ op: 'withdraw' }, SUBS, selector('withdraw()')],
    ];
    let source = fund(300_000, 9);
    let id = 10;
    for (const [req, contract, expected] of cases) {
        fixture.broadcasts = [];
        const answer = await sidecar.request({ id: id++, ...req });
        assert.equal(answer.ok, true, JSON.stringify(answer));
        assert.equal(checkPackage(answer, source, contract), expected, req.op);
        source = changeOf(decode(fixture.broadcasts[0]));
    }
    assert.equal(fixture.calls('btc_getUTXOs').length, 1, 'the sidecar chains its own change: one UTXO fetch');
    await sidecar.close();
});

test('createPlan and updatePlan: the owner\'s plan writes to the subscriptions contract; NotOwner is "rejected"', async () => {
    const { sidecar } = await started();
    let source = fund(300_000, 11);
    const cases = [
        [{ op: 'createPlan', pricePerDay: '250000' }, selector('createPlan(uint256)') + u256(250000)],
        [{ op: 'updatePlan', planId: '2', pricePerDay: '340282366920938463463374607431768211455', active: true },
            selector('updatePlan(uint256,uint256,bool)') + u256(2) + u256(2n ** 128n - 1n) + '01'],
        [{ op: 'updatePlan', planId: 1, pricePerDay: '5', active: false },
            selector('updatePlan(uint256,uint256,bool)') + u256(1) + u256(5) + '00'],
    ];
    let id = 20;
    for (const [req, expected] of cases) {
        fixture.broadcasts = [];
        const answer = await sidecar.request({ id: id++, ...req });
        assert.equal(answer.ok, true, JSON.stringify(answer));
        assert.equal(fixture.calls('btc_call').at(-1).params[0], SUBS);
        assert.equal(checkPackage(answer, source, SUBS), expected, JSON.stringify(req));
        source = changeOf(decode(fixture.broadcasts[0]));
    }
    fixture.broadcasts = [];
    fixture.callAnswers.set(selector('createPlan(uint256)'),
        { result: '', events: {}, accessList: {}, estimatedGas: '1000', revert: errorRevert('NotOwner') });
    const refused = await sidecar.request({ id: 30, op: 'createPlan', pricePerDay: '7' });
    fixture.callAnswers.clear();
    assert.deepEqual(refused, { id: 30, ok: false, rejected: 'NotOwner' });
    assert.equal(fixture.broadcasts.length, 0);
    assert.match((await sidecar.request({ id: 31, op: 'createPlan', pricePerDay: '0' })).invalid, /pricePerDay/);
    assert.match((await sidecar.request({ id: 32, op: 'updatePlan', planId: '1', pricePerDay: '5', active: 'yes' })).invalid, /active/);
    assert.match((await sidecar.request({ id: 33, op: 'updatePlan', planId: '0', pricePerDay: '5', active: true })).invalid, /planId/);
    await sidecar.close();
});

test('a reverting simulation is "rejected" with the reason and nothing is signed or sent', async () => {
    const { sidecar } = await started();
    fund(500_000, 2);
    fixture.callAnswers.set(selector('mint(address,uint256,bytes)'),
        { result: '', events: {}, accessList: {}, estimatedGas: '1000', revert: errorRevert('AlreadyMinted') });
    const answer = await sidecar.request({ id: 1, op: 'mint', subscriptionId: '7', owner: OWNER, credentials: '00' });
    fixture.callAnswers.clear();
    assert.deepEqual(answer, { id: 1, ok: false, rejected: 'AlreadyMinted' });
    assert.equal(fixture.broadcasts.length, 0);
    assert.equal(fixture.calls('btc_preimage').length, 0);
    await sidecar.close();
});

test('the node down is "unavailable", never naming the URL; the next request works again', async () => {
    const { sidecar } = await started();
    fund(500_000, 3);
    fixture.down = true;
    const down = await sidecar.request({ id: 1, op: 'markDestroyed', subscriptionId: '4' });
    fixture.down = false;
    assert.equal(down.ok, false);
    assert.ok(down.unavailable && !down.unavailable.includes('127.0.0.1') && !down.unavailable.includes('/rpc'), down.unavailable);
    const source = fund(500_000, 4);
    const again = await sidecar.request({ id: 2, op: 'markDestroyed', subscriptionId: '4' });
    assert.equal(again.ok, true, JSON.stringify(again));
    checkPackage(again, source, SUBS);
    await sidecar.close();
});

test('balance is the host p2tr balance; send btc pays the address from the host UTXO', async () => {
    const { sidecar } = await started();
    fixture.balance = '0x1e240';
    const balance = await sidecar.request({ id: 1, op: 'balance' });
    assert.deepEqual(balance, { id: 1, ok: true, sats: '123456' });
    assert.equal(fixture.calls('btc_getBalance')[0].params[0], wallet.p2tr);
    const source = fund(400_000, 5);
    const to = 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080';
    const sent = await sidecar.request({ id: 2, op: 'send', asset: 'btc', to, amount: '150000' });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    assert.equal(fixture.broadcasts.length, 1);
    const tx = decode(fixture.broadcasts[0]);
    assert.equal(tx.getId(), sent.txid);
    assert.deepEqual(spends(tx), [`${source.txid}:${source.vout}`]);
    const paid = tx.outs.find((o) => toHex(o.script) === toHex(baddress.toOutputScript(to, network)));
    assert.equal(BigInt(paid.value), 150000n);
    assert.equal(validSignatures(tx, 0, [source], outputKey), 1);
    await sidecar.close();
});

test('bad requests get an "invalid" answer and the sidecar keeps serving', async () => {
    const { sidecar } = await started();
    sidecar.raw('not json\n');
    assert.deepEqual(await sidecar.next(), { id: null, ok: false, invalid: 'not JSON' });
    sidecar.raw('x'.repeat(1024 * 1024 + 10) + '\n');
    assert.match((await sidecar.next()).invalid, /1 MiB/);
    assert.match((await sidecar.request({ op: 'balance' })).invalid, /id/);
    assert.match((await sidecar.request({ id: 3, op: 'toString' })).invalid, /unknown op/);
    assert.match((await sidecar.request({ id: 4, op: 'mint', subscriptionId: '-1', owner: OWNER, credentials: '' })).invalid, /subscriptionId/);
    assert.match((await sidecar.request({ id: 5, op: 'mint', subscriptionId: '1', owner: OWNER, credentials: '00'.repeat(1025) })).invalid, /1024/);
    assert.match((await sidecar.request({ id: 6, op: 'send', asset: 'btc', to: 'x', amount: '10' })).invalid, /dust/);
    fixture.balance = '0x5';
    assert.deepEqual(await sidecar.request({ id: 7, op: 'balance' }), { id: 7, ok: true, sats: '5' });
    await sidecar.close();
});

const CONTRACTS = fileURLToPath(new URL('../../contracts/build/', import.meta.url));
const TOKEN = '0x' + '7e'.repeat(32);
const HOST = wallet.address.toHex();

/** Decodes a deployment package back: signatures, the wasm of the manifest, the calldata and the address. */
function checkDeployment(answer, source, wasmFile, calldataHex, saltHex) {
    assert.equal(fixture.broadcasts.length, 2, 'funding + deployment broadcast as one package');
    const [funding, deployment] = fixture.broadcasts.map(decode);
    assert.equal(funding.getId(), answer.fundingTxid);
    assert.equal(deployment.getId(), answer.txid);
    assert.deepEqual(spends(funding), [`${source.txid}:${source.vout}`]);
    assert.equal(validSignatures(funding, 0, [source], outputKey), 1, 'funding: key-path signature by the host wallet');
    assert.deepEqual(spends(deployment), [`${answer.fundingTxid}:0`], 'the deployment spends the funding output');
    const d = deploymentScript(deployment);
    const manifest = JSON.parse(readFileSync(join(CONTRACTS, 'manifest.json'), 'utf8'));
    const wasm = readFileSync(join(CONTRACTS, wasmFile));
    assert.equal(createHash('sha256').update(wasm).digest('hex'), manifest.files[wasmFile]);
    assert.deepEqual(d.bytecode, Buffer.concat([Buffer.from([0]), wasm]), 'exactly version 0 ‖ the manifest\'s wasm');
    assert.equal(toHex(d.calldata), calldataHex, 'the constructor calldata');
    assert.deepEqual(Buffer.from(d.senderKey), Buffer.from(internalKey), 'deployed by the host key');
    assert.deepEqual(Buffer.from(d.saltHash), hash256(Buffer.from(saltHex, 'hex')), 'the caller\'s salt');
    const seed = hash256(Buffer.concat([internalKey, d.saltHash, hash256(d.compressed)]));
    assert.equal(answer.address, '0x' + seed.toString('hex'), 'the address answered is the one the transaction derives');
    const contractKey = EcKeyPair.fromSeedKeyPair(seed, network).publicKey.subarray(1);
    assert.deepEqual(Buffer.from(d.contractSaltKey), Buffer.from(contractKey), 'the salt key is the contract seed\'s');
    const prevout = [{ script: funding.outs[0].script, value: funding.outs[0].value }];
    assert.ok(validSignatures(deployment, 0, prevout, internalKey) >= 1, 'script path signed by the host key');
    assert.ok(validSignatures(deployment, 0, prevout, d.contractSaltKey) >= 1, 'and by the contract seed\'s key');
    const p2op = '6015' + '00' + toHex(crypto.hash160(seed));
    assert.equal(toHex(deployment.outs[0].script), p2op, 'first output: the contract\'s P2OP (witness v16 of 0 ‖ hash160)');
    assert.equal(toHex(deployment.outs[1].script), toHex(epochRewardScript()), 'second output: the epoch reward');
    return changeOf(funding);
}

test('deploy: subscriptions then credential, the manifest\'s wasm and the calldata, addresses derived from the transactions', async () => {
    const { sidecar } = await started({});
    let source = fund(2_000_000, 21);
    const salt1 = '11'.repeat(32);
    const subs = await sidecar.request({ id: 1, op: 'deploy', contract: 'subscriptions', owner: HOST, operator: OWNER, token: TOKEN, salt: salt1 });
    assert.equal(subs.ok, true, JSON.stringify(subs));
    source = checkDeployment(subs, source, 'BlockhostSubscriptions.wasm', HOST.slice(2) + OWNER.slice(2) + TOKEN.slice(2), salt1);
    fixture.broadcasts = [];
    const salt2 = '22'.repeat(32);
    const cred = await sidecar.request({ id: 2, op: 'deploy', contract: 'credential', owner: HOST, operator: HOST, subscriptions: subs.address, salt: salt2 });
    assert.equal(cred.ok, true, JSON.stringify(cred));
    checkDeployment(cred, source, 'AccessCredential.wasm', HOST.slice(2) + HOST.slice(2) + subs.address.slice(2), salt2);
    assert.notEqual(cred.address, subs.address);
    assert.equal(fixture.calls('btc_getUTXOs').length, 1, 'the credential deployment spends the first one\'s change');
    assert.match((await sidecar.request({ id: 3, op: 'mint', subscriptionId: '1', owner: OWNER, credentials: '' })).invalid, /credential/);
    await sidecar.close();
});

test('deploy: the same salt gives the same address; bad requests, a tampered wasm and an empty wallet send nothing', async () => {
    const tampered = join(dir, 'contracts');
    cpSync(CONTRACTS, tampered, { recursive: true });
    const wasm = readFileSync(join(tampered, 'AccessCredential.wasm'));
    wasm[wasm.length - 1] ^= 1;
    writeFileSync(join(tampered, 'AccessCredential.wasm'), wasm);
    const { sidecar } = await started({ contractsDir: tampered });
    fund(2_000_000, 22);
    const base = { op: 'deploy', contract: 'subscriptions', owner: HOST, operator: HOST, token: TOKEN, salt: '33'.repeat(32) };
    const first = await sidecar.request({ id: 1, ...base });
    assert.equal(first.ok, true, JSON.stringify(first));
    fund(2_000_000, 23);
    const again = await sidecar.request({ id: 2, ...base });
    assert.equal(again.address, first.address, 'a retried deployment cannot make a second contract');
    fund(2_000_000, 24);
    const bad = [
        [{ contract: 'TestToken' }, /contract/], [{ contract: 'toString' }, /contract/], [{ owner: '0x' + '00'.repeat(32) }, /owner/],
        [{ operator: 'bc1pxyz' }, /operator/], [{ token: undefined }, /token/], [{ salt: 'AB'.repeat(32) }, /salt/], [{ salt: '11' }, /salt/],
    ];
    let id = 10;
    for (const [change, expected] of bad) assert.match((await sidecar.request({ id: id++, ...base, ...change })).invalid, expected);
    const refused = await sidecar.request({ id: 20, op: 'deploy', contract: 'credential', owner: HOST, operator: HOST, subscriptions: first.address, salt: '44'.repeat(32) });
    assert.match(refused.unavailable, /AccessCredential\.wasm does not match the manifest/);
    assert.equal(fixture.broadcasts.length, 0, 'nothing broadcast on a bad request');
    assert.match((await sidecar.request({ id: 22, op: 'init', rpcUrl: fixture.url, network: 'regtest', keyFile, contractsDir: 'rel' })).invalid, /contractsDir/);
    await sidecar.close();
    const fresh = (await started({})).sidecar;
    fixture.utxos = [];
    const empty = await fresh.request({ id: 1, ...base, salt: '55'.repeat(32) });
    assert.match(empty.unavailable, /no UTXOs: fund bcrt1p/);
    assert.equal(fixture.broadcasts.length, 0);
    await fresh.close();
});
