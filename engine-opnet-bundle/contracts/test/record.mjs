// Records what the real OP_NET VM does for a scripted BlockHost scenario, for the Java engine's fixture node
// (../src/test/resources/opnet-vm-fixture.json, read by the Java tests' VmRecording). Per transaction: sender,
// contract, calldata, the events exactly as the VM emitted them (emitting contract, type, data), the revert and
// the return data; per branch, the answers of the view calls the Java reads make on the final state.
// Fixed addresses, block and time: the file is byte-stable. `--write` rewrites it; without, the run fails when
// the committed file differs (test.sh runs that check, so the fixture cannot drift from the contracts).
//   node --import ./test/extensionless.mjs test/record.mjs [--write]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Address } from '@btc-vision/transaction';
import { Blockchain } from '@btc-vision/unit-test-framework';
import { deployAll, hex, tagEventContracts } from './harness.mjs';
import { G, VALID_2 } from './keys.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'test', 'resources', 'opnet-vm-fixture.json');
const sha = (text) => createHash('sha256').update(text).digest();
/** A fixed account: its address bytes and (unused by our contracts) tweaked key derived from its name. */
const account = (name, hash = sha(`blockhost opnet fixture ${name}`)) =>
    new Address(hash, sha(`blockhost opnet fixture ${name} tweaked key`));
// Wallets 1..3: SHA-256 of the ML-DSA-44 public key FIPS 204 KeyGen makes from the seed
// SHA-256("blockhost opnet fixture wallet <i>"); the Java tests derive the keys (Bouncy Castle) and check these.
const WALLETS = ['a95cfe6c8805e0d99ead97823939b6e0f0e922c10e2f57a566d19d1f80e63a94',
    '6634af7ca98a500e75f653d3cb4c43e80f762463b24a6407ce1a90409dc89a3f',
    'f53e6aa84e0d0c10c871f8e782d60e06ca2d8f86f73d76d260720394154c0616'].map((h, i) => account(`wallet ${i + 1}`, Buffer.from(h, 'hex')));
const HOST = account('host'); // owner and operator of both contracts, as deployed by setup
const AT = { token: account('token'), subscriptions: account('subscriptions'), credential: account('credential') };
const PRICE = 250_000n;
const u256 = (v) => (w) => w.writeU256(v);

/** Runs `steps` in a fresh VM; each step names a contract, a signature, its arguments and the sender. */
async function run(steps) {
    tagEventContracts();
    const contracts = await deployAll(HOST, HOST, AT);
    const txs = [];
    for (const [label, name, signature, args, sender] of steps) {
        const c = contracts[name];
        const calldata = c.calldata(signature, args);
        const r = await c.send(signature, args, sender);
        const reverted = Boolean(r.error) || r.status !== 0;
        txs.push({
            label,
            id: hex(sha(`${txs.length}:${hex(sender)}:${hex(c.address)}:${hex(calldata)}`)),
            from: `0x${hex(sender)}`,
            to: `0x${hex(c.address)}`,
            method: signature,
            calldata: hex(calldata),
            revert: reverted ? String(r.error?.message ?? 'reverted') : null,
            events: reverted ? [] : r.events.map((e) => ({ contract: `0x${hex(e.contract)}`, type: e.type, data: hex(e.data) })),
            result: hex(r.response ?? []),
        });
    }
    return { txs, contracts };
}

/** The view calls the Java reads make, answered on the state a branch ends with. */
async function views(contracts, calls) {
    const out = [];
    for (const [name, signature, args] of calls) {
        const c = contracts[name];
        const r = await c.send(signature, args, HOST);
        const reverted = Boolean(r.error) || r.status !== 0;
        out.push({
            to: `0x${hex(c.address)}`, method: signature, calldata: hex(c.calldata(signature, args)),
            revert: reverted ? String(r.error?.message ?? 'reverted') : null, result: hex(r.response ?? []),
        });
    }
    return out;
}

const [w1, w2, w3] = WALLETS;
const buy = (plan, days, key, max) => (w) => { w.writeU256(plan); w.writeU64(days); w.writeBytesWithLength(key); w.writeU256(max); };
const setup = [
    ...WALLETS.map((w, i) => [`fund wallet ${i + 1}`, 'token', 'mint(address,uint256)', (x) => { x.writeAddress(w); x.writeU256(10n ** 9n); }, HOST]),
    ...WALLETS.map((w, i) => [`approve wallet ${i + 1}`, 'token', 'increaseAllowance(address,uint256)',
        (x) => { x.writeAddress(AT.subscriptions); x.writeU256(10n ** 9n); }, w]),
    ['plan 1', 'subscriptions', 'createPlan(uint256)', u256(PRICE), HOST],
    ['admin credential', 'credential', 'mint(address,uint256,bytes)',
        (x) => { x.writeAddress(w3); x.writeU256(0n); x.writeBytesWithLength(Buffer.from('admin')); }, HOST],
];
const common = [
    ['buy 1', 'subscriptions', 'buySubscription(uint256,uint64,bytes,uint256)', buy(1n, 30n, G, 30n * PRICE), w1],
    ['buy unknown plan', 'subscriptions', 'buySubscription(uint256,uint64,bytes,uint256)', buy(7n, 1n, G, PRICE), w2],
    ['extend 1', 'subscriptions', 'extendSubscription(uint256,uint64,uint256)',
        (x) => { x.writeU256(1n); x.writeU64(10n); x.writeU256(10n * PRICE); }, w2],
    ['mint 1', 'credential', 'mint(address,uint256,bytes)',
        (x) => { x.writeAddress(w1); x.writeU256(1n); x.writeBytesWithLength(Buffer.from('sealed for wallet 1')); }, HOST],
    ['rekey 1', 'credential', 'setAccessKey(uint256,bytes)', (x) => { x.writeU256(1n); x.writeBytesWithLength(VALID_2); }, w1],
    ['transfer 1', 'credential', 'transfer(address,uint256)', (x) => { x.writeAddress(w2); x.writeU256(1n); }, w1],
    ['update 1', 'credential', 'updateCredentials(uint256,bytes)', (x) => { x.writeU256(1n); x.writeBytesWithLength(Buffer.from('re-sealed')); }, HOST],
];
const readsOf = (sub) => [
    ['subscriptions', 'getSubscription(uint256)', u256(sub)],
    ['credential', 'tokenOfSubscription(uint256)', u256(sub)],
    ['credential', 'ownerOf(uint256)', u256(sub)],
];
const VIEWS = [0n, 1n, 2n, 3n].flatMap(readsOf).concat([
    ['credential', 'getCredentials(uint256)', u256(1n)],
    ['credential', 'getAccessKey(uint256)', u256(1n)],
    ['credential', 'totalSupply()'],
    ['subscriptions', 'paymentToken()'],
    ['token', 'decimals()'],
    ['token', 'balanceOf(address)', (x) => x.writeAddress(AT.subscriptions)],
]);

/**
 * The engine contract suite's chain (Java `ContractChain`): purchases each wallet can make (1: 14, 2: 8, 3: 4; one
 * subscription each), then for every subscription its mint to its subscriber (token = subscription − 1) and one to
 * wallet 2 the contract refuses, the admin credential (subscription 0 to wallet 3: token 26), and for wallet 1's
 * tokens a transfer to wallet 2 and a credentials update. The Java chain takes each from here when the suite asks.
 */
function poolSteps() {
    const setupNoAdmin = setup.filter(([label]) => label !== 'admin credential');
    const buyers = [...Array(14).fill(1), ...Array(8).fill(2), ...Array(4).fill(3)];
    const steps = [...setupNoAdmin];
    buyers.forEach((w, i) => steps.push([`buy ${i + 1} by wallet ${w}`, 'subscriptions', 'buySubscription(uint256,uint64,bytes,uint256)',
        buy(1n, 30n, G, 30n * PRICE), WALLETS[w - 1]]));
    const mint = (to, sub) => (x) => { x.writeAddress(to); x.writeU256(sub); x.writeBytesWithLength(Buffer.from('sealed')); };
    steps.push(['mint 1 to wallet 2', 'credential', 'mint(address,uint256,bytes)', mint(w2, 1n), HOST]);
    buyers.forEach((w, i) => steps.push([`mint ${i + 1}`, 'credential', 'mint(address,uint256,bytes)', mint(WALLETS[w - 1], BigInt(i + 1)), HOST]));
    steps.push(['mint 0', 'credential', 'mint(address,uint256,bytes)', mint(w3, 0n), HOST]);
    buyers.forEach((w, i) => {
        if (w !== 1) return;
        steps.push([`update token ${i}`, 'credential', 'updateCredentials(uint256,bytes)', (x) => { x.writeU256(BigInt(i)); x.writeBytesWithLength(Buffer.from('new')); }, HOST]);
        steps.push([`transfer token ${i}`, 'credential', 'transfer(address,uint256)', (x) => { x.writeAddress(w2); x.writeU256(BigInt(i)); }, w1]);
    });
    return steps;
}

async function record() {
    const main = await run([...setup, ...common,
        ['buy 2', 'subscriptions', 'buySubscription(uint256,uint64,bytes,uint256)', buy(1n, 7n, G, 7n * PRICE), w2],
        ['cancel 2', 'subscriptions', 'cancelSubscription(uint256)', u256(2n), HOST],
        ['destroy 1', 'subscriptions', 'markDestroyed(uint256)', u256(1n), HOST]]);
    const mainViews = await views(main.contracts, VIEWS);
    // the same chain up to "update 1", then subscription 2 bought by another wallet and nothing else (a reorg's branch)
    const fork = await run([...setup, ...common,
        ['buy 2 by wallet 3', 'subscriptions', 'buySubscription(uint256,uint64,bytes,uint256)', buy(1n, 5n, VALID_2, 5n * PRICE), w3]]);
    const forkViews = await views(fork.contracts, VIEWS);
    const shared = setup.length + common.length;
    if (JSON.stringify(main.txs.slice(0, shared)) !== JSON.stringify(fork.txs.slice(0, shared))) {
        throw new Error('the VM ran the same transactions differently twice');
    }
    const many = await run([...setup, ...Array.from({ length: 12 }, (_, i) => [`buy ${i + 1} of 12`, 'subscriptions',
        'buySubscription(uint256,uint64,bytes,uint256)', buy(1n, BigInt(i + 1), G, BigInt(i + 1) * PRICE), w1])]);
    const pool = await run(poolSteps());
    Blockchain.dispose();
    return {
        about: 'Written by contracts/test/record.mjs from the contracts in contracts/build run in the OP_NET VM '
            + '(@btc-vision/unit-test-framework); do not edit: contracts/test.sh fails when this file differs.',
        block: { number: '100', medianTimestamp: '1767225600' },
        host: `0x${hex(HOST)}`,
        wallets: WALLETS.map((w) => `0x${hex(w)}`),
        contracts: Object.fromEntries(Object.entries(AT).map(([k, v]) => [k, `0x${hex(v)}`])),
        branches: { main: main.txs, fork: fork.txs, many: many.txs, pool: pool.txs },
        forkAfter: shared,
        views: { main: mainViews, fork: forkViews },
    };
}

const text = `${JSON.stringify(await record(), null, 1)}\n`;
if (process.argv.includes('--write')) {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
} else {
    let committed = '';
    try {
        committed = readFileSync(OUT, 'utf8');
    } catch { /* missing: differs */ }
    if (committed !== text) {
        const a = committed.split('\n');
        const b = text.split('\n');
        const line = b.findIndex((l, i) => l !== a[i]);
        console.error(`${OUT} differs from what the VM records now (line ${line + 1}: ${JSON.stringify(b[line])});`
            + ' review, then run: node --import ./test/extensionless.mjs test/record.mjs --write');
        process.exit(1);
    }
    console.log('VM fixture up to date');
}
