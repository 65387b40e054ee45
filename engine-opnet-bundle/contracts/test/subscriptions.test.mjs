// BlockhostSubscriptions in the OP_NET VM: plans, buy, extend, cancel, destroy, withdraw, roles,
// access-key validation and the event/return layouts the Java engine decodes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Blockchain } from '@btc-vision/unit-test-framework';
import { addr, deployAll, hex } from './harness.mjs';
import { G, NOT_ON_CURVE, X_TOO_BIG } from './keys.mjs';

const DAY = 86400n;


describe('BlockhostSubscriptions', () => {
    const owner = Blockchain.generateRandomAddress();
    const operator = Blockchain.generateRandomAddress();
    const buyer = Blockchain.generateRandomAddress();
    const payer = Blockchain.generateRandomAddress();
    let token, subs;

    const balance = async (a) => (await token.ok('balanceOf(address)', (w) => w.writeAddress(a))).readU256();
    const fund = async (who, amount) => {
        await token.ok('mint(address,uint256)', (w) => { w.writeAddress(who); w.writeU256(amount); }, owner);
        await token.ok('increaseAllowance(address,uint256)', (w) => { w.writeAddress(subs.address); w.writeU256(amount); }, who);
    };
    const buy = (planId, days, key, max, sender = buyer) => (w) => {
        w.writeU256(planId); w.writeU64(days); w.writeBytesWithLength(key); w.writeU256(max);
    };
    const BUY = 'buySubscription(uint256,uint64,bytes,uint256)';
    const EXTEND = 'extendSubscription(uint256,uint64,uint256)';
    const word = (v) => (w) => w.writeU256(v);

    before(async () => {
        ({ token, subscriptions: subs } = await deployAll(owner, operator));
        await fund(buyer, 1_000_000_000n);
        await fund(payer, 1_000_000_000n);
        await subs.ok('createPlan(uint256)', word(250_000n), owner);
    });
    after(() => Blockchain.dispose());

    it('gives plans to the owner only', async () => {
        assert.match(await subs.reverts('createPlan(uint256)', word(1000n), operator), /NotOwner/);
        assert.match(await subs.reverts('createPlan(uint256)', word(0n), owner), /InvalidPrice/);
        const created = await subs.ok('createPlan(uint256)', word(100n), owner);
        assert.equal(created.readU256(), 2n);
        const e = created.events.at(-1);
        assert.equal(e.type, 'PlanCreated');
        assert.equal(hex(e.data), '00'.repeat(31) + '02' + '00'.repeat(31) + '64' + '01');
        const plan = await subs.ok('getPlan(uint256)', word(1n));
        assert.equal(plan.readU256(), 250_000n);
        assert.equal(plan.readBoolean(), true);
        assert.match(await subs.reverts('getPlan(uint256)', word(3n)), /PlanNotFound/);
        assert.match(await subs.reverts('getPlan(uint256)', word(0n)), /PlanNotFound/);
        assert.equal((await subs.ok('planCount()')).readU256(), 2n);
        assert.equal((await subs.ok('calculatePayment(uint256,uint64)', (w) => { w.writeU256(1n); w.writeU64(30n); })).readU256(), 7_500_000n);
    });

    it('withdraws nothing before anything was paid, to the owner by default; refuses others', async () => {
        assert.match(await subs.reverts('withdraw()', undefined, buyer), /NotOwnerOrOperator/);
        const r = await subs.ok('withdraw()', undefined, operator);
        assert.equal(r.readU256(), 0n);
        assert.equal(hex(r.events.at(-1).data), addr(owner) + '00'.repeat(32));
        assert.equal(addr((await subs.ok('payoutAddress()')).readAddress()), addr(owner));
        assert.equal(addr((await subs.ok('paymentToken()')).readAddress()), addr(token.address));
    });

    it('sells a subscription: pulls the price, emits the 137-byte SubscriptionCreated', async () => {
        const before = await balance(buyer);
        const r = await subs.ok(BUY, buy(1n, 30n, G, 7_500_000n), buyer);
        assert.equal(r.readU256(), 1n);
        assert.equal(before - (await balance(buyer)), 7_500_000n);
        assert.equal(await balance(subs.address), 7_500_000n);
        const e = r.events.find((x) => x.type === 'SubscriptionCreated');
        const expires = 1_767_225_600n + 30n * DAY;
        assert.equal(hex(e.data), '00'.repeat(31) + '01' + '00'.repeat(31) + '01' + addr(buyer)
            + expires.toString(16).padStart(16, '0') + hex(G));
        const s = await subs.ok('getSubscription(uint256)', word(1n));
        assert.equal(s.response.length, 73);
        assert.equal(s.readU256(), 1n);
        assert.equal(addr(s.readAddress()), addr(buyer));
        assert.equal(s.readU64(), expires);
        assert.equal(s.readBoolean(), false);
        const none = await subs.ok('getSubscription(uint256)', word(99n));
        assert.equal(none.readU256(), 0n);
    });

    it('refuses a purchase whose payment pull fails (no allowance, no balance): nothing recorded', async () => {
        const poor = Blockchain.generateRandomAddress();
        await token.ok('mint(address,uint256)', (w) => { w.writeAddress(poor); w.writeU256(250_000n); }, owner);
        assert.notEqual(await subs.reverts(BUY, buy(1n, 1n, G, 250_000n), poor), ''); // balance, no allowance
        const broke = Blockchain.generateRandomAddress();
        await token.ok('increaseAllowance(address,uint256)', (w) => { w.writeAddress(subs.address); w.writeU256(250_000n); }, broke);
        assert.notEqual(await subs.reverts(BUY, buy(1n, 1n, G, 250_000n), broke), ''); // allowance, no balance
        assert.equal(await balance(poor), 250_000n);
        assert.equal(await balance(subs.address), 7_500_000n);
        assert.equal((await subs.ok('getSubscription(uint256)', word(2n))).readU256(), 0n);
    });

    it('refuses access keys that are not compressed secp256k1 points, nothing paid', async () => {
        const before = await balance(buyer);
        const uncompressed = Buffer.concat([Buffer.from([4]), G.subarray(1), G.subarray(1)]);
        for (const key of [NOT_ON_CURVE, X_TOO_BIG, G.subarray(0, 32), Buffer.concat([G, Buffer.from([0])]),
            Buffer.concat([Buffer.from([5]), G.subarray(1)]), uncompressed, Buffer.alloc(0)]) {
            assert.match(await subs.reverts(BUY, buy(1n, 30n, key, 10n ** 12n), buyer), /InvalidAccessKey/, hex(key));
        }
        assert.equal(await balance(buyer), before);
    });

    it('refuses a price above the maximum, bad days, unknown and inactive plans', async () => {
        assert.match(await subs.reverts(BUY, buy(1n, 30n, G, 7_499_999n), buyer), /PriceAboveMax/);
        assert.match(await subs.reverts(BUY, buy(1n, 0n, G, 10n ** 12n), buyer), /InvalidDays/);
        assert.match(await subs.reverts(BUY, buy(1n, 3651n, G, 10n ** 12n), buyer), /InvalidDays/);
        assert.match(await subs.reverts(BUY, buy(7n, 1n, G, 10n ** 12n), buyer), /PlanNotFound/);
        await subs.ok('updatePlan(uint256,uint256,bool)', (w) => { w.writeU256(1n); w.writeU256(250_000n); w.writeBoolean(false); }, owner);
        assert.match(await subs.reverts(BUY, buy(1n, 1n, G, 10n ** 12n), buyer), /PlanInactive/);
        assert.match(await subs.reverts('updatePlan(uint256,uint256,bool)', (w) => { w.writeU256(1n); w.writeU256(1n); w.writeBoolean(true); }, buyer), /NotOwner/);
        await subs.ok('updatePlan(uint256,uint256,bool)', (w) => { w.writeU256(1n); w.writeU256(250_000n); w.writeBoolean(true); }, owner);
    });

    it('extends from the later of expiry and now, paid by anyone; 72-byte SubscriptionExtended', async () => {
        const r = await subs.ok(EXTEND, (w) => { w.writeU256(1n); w.writeU64(10n); w.writeU256(2_500_000n); }, payer);
        const expires = 1_767_225_600n + 40n * DAY;
        assert.equal(r.readU64(), expires);
        const e = r.events.find((x) => x.type === 'SubscriptionExtended');
        assert.equal(hex(e.data), '00'.repeat(31) + '01' + addr(payer) + expires.toString(16).padStart(16, '0'));
        Blockchain.medianTimestamp = 1_767_225_600n + 100n * DAY; // lapsed: counts from now
        const later = await subs.ok(EXTEND, (w) => { w.writeU256(1n); w.writeU64(1n); w.writeU256(250_000n); }, payer);
        assert.equal(later.readU64(), 1_767_225_600n + 101n * DAY);
        assert.match(await subs.reverts(EXTEND, (w) => { w.writeU256(9n); w.writeU64(1n); w.writeU256(10n ** 12n); }, payer), /SubscriptionNotFound/);
        assert.match(await subs.reverts(EXTEND, (w) => { w.writeU256(1n); w.writeU64(1n); w.writeU256(1n); }, payer), /PriceAboveMax/);
    });

    it('marks destroyed (operator only): renewals refused', async () => {
        await subs.ok(BUY, buy(1n, 1n, G, 250_000n), buyer); // subscription 2
        assert.match(await subs.reverts('markDestroyed(uint256)', word(2n), owner), /NotOperator/);
        const r = await subs.ok('markDestroyed(uint256)', word(2n), operator);
        assert.equal(r.events.at(-1).type, 'SubscriptionDestroyed');
        assert.equal((await subs.ok('isDestroyed(uint256)', word(2n))).readBoolean(), true);
        assert.equal((await subs.ok('isDestroyed(uint256)', word(1n))).readBoolean(), false);
        assert.match(await subs.reverts(EXTEND, (w) => { w.writeU256(2n); w.writeU64(1n); w.writeU256(10n ** 12n); }, payer), /SubscriptionIsDestroyed/);
        assert.match(await subs.reverts('markDestroyed(uint256)', word(2n), operator), /AlreadyDestroyed/);
    });

    it('cancels (owner only): 32-byte SubscriptionCancelled, flag read back, renewals refused', async () => {
        assert.match(await subs.reverts('cancelSubscription(uint256)', word(1n), buyer), /NotOwner/);
        const r = await subs.ok('cancelSubscription(uint256)', word(1n), owner);
        const e = r.events.find((x) => x.type === 'SubscriptionCancelled');
        assert.equal(hex(e.data), '00'.repeat(31) + '01');
        const s = await subs.ok('getSubscription(uint256)', word(1n));
        s.readU256(); s.readAddress(); s.readU64();
        assert.equal(s.readBoolean(), true);
        assert.match(await subs.reverts(EXTEND, (w) => { w.writeU256(1n); w.writeU64(1n); w.writeU256(10n ** 12n); }, payer), /SubscriptionIsCancelled/);
    });

    it('withdraws everything paid to the payout address (owner or operator only)', async () => {
        const paid = await balance(subs.address);
        assert.ok(paid > 0n);
        assert.match(await subs.reverts('withdraw()', undefined, buyer), /NotOwnerOrOperator/);
        const r = await subs.ok('withdraw()', undefined, operator);
        assert.equal(r.readU256(), paid);
        assert.equal(await balance(owner), paid); // payout follows the owner by default
        assert.equal(await balance(subs.address), 0n);
        const payout = Blockchain.generateRandomAddress();
        assert.match(await subs.reverts('setPayoutAddress(address)', (w) => w.writeAddress(payout), operator), /NotOwner/);
        await subs.ok('setPayoutAddress(address)', (w) => w.writeAddress(payout), owner);
        assert.equal(addr((await subs.ok('payoutAddress()')).readAddress()), addr(payout));
        await subs.ok(BUY, buy(1n, 2n, G, 500_000n), buyer);
        await subs.ok('withdraw()', undefined, owner);
        assert.equal(await balance(payout), 500_000n);
    });

    it('answers planId 0 for an unknown subscription; refuses actions on it', async () => {
        const none = await subs.ok('getSubscription(uint256)', word(99n));
        assert.equal(none.response.length, 73);
        assert.equal(none.readU256(), 0n);
        assert.match(await subs.reverts('markDestroyed(uint256)', word(99n), operator), /SubscriptionNotFound/);
        assert.match(await subs.reverts('markDestroyed(uint256)', word(99n), owner), /NotOperator/);
        assert.match(await subs.reverts('cancelSubscription(uint256)', word(99n), owner), /SubscriptionNotFound/);
        assert.match(await subs.reverts(EXTEND, (w) => { w.writeU256(99n); w.writeU64(1n); w.writeU256(10n ** 12n); }, payer), /SubscriptionNotFound/);
    });

    it('hands roles over: only the owner sets the operator and transfers ownership', async () => {
        const cold = Blockchain.generateRandomAddress();
        assert.match(await subs.reverts('setOperator(address)', (w) => w.writeAddress(buyer), operator), /NotOwner/);
        assert.match(await subs.reverts('transferOwnership(address)', (w) => w.writeAddress(cold), operator), /NotOwner/);
        await subs.ok('transferOwnership(address)', (w) => w.writeAddress(cold), owner);
        assert.equal(addr((await subs.ok('owner()')).readAddress()), addr(cold));
        assert.equal(addr((await subs.ok('operator()')).readAddress()), addr(operator));
        assert.match(await subs.reverts('createPlan(uint256)', word(5n), owner), /NotOwner/);
        await subs.ok('createPlan(uint256)', word(5n), cold);
    });
});
