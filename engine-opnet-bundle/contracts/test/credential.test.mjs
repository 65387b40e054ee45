// AccessCredential in the OP_NET VM: token #0 (the admin credential), one token per subscription,
// stored and updatable credentials, the owner's access key, transfers, roles, and the event/return
// layouts the Java engine decodes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Blockchain } from '@btc-vision/unit-test-framework';
import { addr, deployAll, hex } from './harness.mjs';
import { G, NOT_ON_CURVE, VALID_2, X_TOO_BIG } from './keys.mjs';

const MINT = 'mint(address,uint256,bytes)';
const word = (v) => (w) => w.writeU256(v);
const u256hex = (v) => v.toString(16).padStart(64, '0');

describe('AccessCredential', () => {
    const owner = Blockchain.generateRandomAddress();
    const operator = Blockchain.generateRandomAddress();
    const admin = Blockchain.generateRandomAddress();
    const stranger = Blockchain.generateRandomAddress();
    const buyer = Blockchain.generateRandomAddress();
    const sealed = Buffer.from('sealed admin credential '.repeat(20)); // 480 B: 15 storage slots
    let cred, subs, token;
    const mint = (to, sub, bytes) => (w) => { w.writeAddress(to); w.writeU256(sub); w.writeBytesWithLength(bytes); };

    before(async () => {
        ({ credential: cred, subscriptions: subs, token } = await deployAll(owner, operator));
    });
    after(() => Blockchain.dispose());

    it('mints token #0 for subscription 0 to the admin wallet (operator only): 96-byte CredentialTransferred from 0', async () => {
        assert.match(await cred.reverts(MINT, mint(admin, 0n, sealed), owner), /NotOperator/);
        assert.match(await cred.reverts(MINT, mint(admin, 0n, Buffer.alloc(1025)), operator), /CredentialsTooLong/);
        const r = await cred.ok(MINT, mint(admin, 0n, sealed), operator);
        assert.equal(r.readU256(), 0n);
        const t = r.events.find((e) => e.type === 'CredentialTransferred');
        assert.equal(hex(t.data), u256hex(0n) + '00'.repeat(32) + addr(admin));
        const m = r.events.find((e) => e.type === 'CredentialMinted');
        assert.equal(hex(m.data), u256hex(0n) + u256hex(0n) + addr(admin));
        assert.match(await cred.reverts(MINT, mint(admin, 0n, sealed), operator), /AlreadyMinted/);
    });

    it('reads token of subscription (33 B), owner, subscription, balance; unknown tokens revert', async () => {
        const t = await cred.ok('tokenOfSubscription(uint256)', word(0n));
        assert.equal(t.response.length, 33);
        assert.equal(t.readBoolean(), true);
        assert.equal(t.readU256(), 0n);
        const none = await cred.ok('tokenOfSubscription(uint256)', word(7n));
        assert.equal(none.readBoolean(), false);
        assert.equal(addr((await cred.ok('ownerOf(uint256)', word(0n))).readAddress()), addr(admin));
        assert.equal((await cred.ok('subscriptionOf(uint256)', word(0n))).readU256(), 0n);
        assert.equal((await cred.ok('balanceOf(address)', (w) => w.writeAddress(admin))).readU256(), 1n);
        assert.equal((await cred.ok('totalSupply()')).readU256(), 1n);
        assert.match(await cred.reverts('ownerOf(uint256)', word(1n)), /UnknownToken/);
        assert.equal(addr((await cred.ok('subscriptions()')).readAddress()), addr(subs.address));
    });

    it('stores the credentials and lets only the operator replace them (shorter leaves nothing behind)', async () => {
        assert.deepEqual(Buffer.from((await cred.ok('getCredentials(uint256)', word(0n))).readBytesWithLength()), sealed);
        const UPDATE = 'updateCredentials(uint256,bytes)';
        assert.match(await cred.reverts(UPDATE, (w) => { w.writeU256(0n); w.writeBytesWithLength(Buffer.from('x')); }, admin), /NotOperator/);
        assert.match(await cred.reverts(UPDATE, (w) => { w.writeU256(0n); w.writeBytesWithLength(Buffer.alloc(1025)); }, operator), /CredentialsTooLong/);
        assert.match(await cred.reverts(UPDATE, (w) => { w.writeU256(5n); w.writeBytesWithLength(Buffer.from('x')); }, operator), /UnknownToken/);
        const r = await cred.ok(UPDATE, (w) => { w.writeU256(0n); w.writeBytesWithLength(Buffer.from('new')); }, operator);
        assert.equal(r.events.at(-1).type, 'CredentialsUpdated');
        assert.equal(Buffer.from((await cred.ok('getCredentials(uint256)', word(0n))).readBytesWithLength()).toString(), 'new');
        const full = Buffer.alloc(1024, 7);
        await cred.ok(UPDATE, (w) => { w.writeU256(0n); w.writeBytesWithLength(full); }, operator);
        assert.deepEqual(Buffer.from((await cred.ok('getCredentials(uint256)', word(0n))).readBytesWithLength()), full);
    });

    it('lets only the token owner set an access key, a curve point: 65-byte AccessKeyRotated', async () => {
        const SET = 'setAccessKey(uint256,bytes)';
        assert.match(await cred.reverts(SET, (w) => { w.writeU256(0n); w.writeBytesWithLength(G); }, operator), /NotTokenOwner/);
        for (const bad of [NOT_ON_CURVE, X_TOO_BIG, G.subarray(1), Buffer.alloc(33)]) {
            assert.match(await cred.reverts(SET, (w) => { w.writeU256(0n); w.writeBytesWithLength(bad); }, admin), /InvalidAccessKey/, hex(bad));
        }
        const r = await cred.ok(SET, (w) => { w.writeU256(0n); w.writeBytesWithLength(VALID_2); }, admin);
        const e = r.events.find((x) => x.type === 'AccessKeyRotated');
        assert.equal(hex(e.data), u256hex(0n) + hex(VALID_2));
        assert.deepEqual(Buffer.from((await cred.ok('getAccessKey(uint256)', word(0n))).readBytesWithLength()), VALID_2);
    });

    it('transfers by the token owner only: CredentialTransferred from → to, balances follow', async () => {
        const TRANSFER = 'transfer(address,uint256)';
        const cold = Blockchain.generateRandomAddress();
        assert.match(await cred.reverts(TRANSFER, (w) => { w.writeAddress(cold); w.writeU256(0n); }, operator), /NotTokenOwner/);
        assert.match(await cred.reverts(TRANSFER, (w) => { w.writeAddress(cold); w.writeU256(3n); }, admin), /UnknownToken/);
        const r = await cred.ok(TRANSFER, (w) => { w.writeAddress(cold); w.writeU256(0n); }, admin);
        assert.equal(hex(r.events.at(-1).data), u256hex(0n) + addr(admin) + addr(cold));
        assert.equal(addr((await cred.ok('ownerOf(uint256)', word(0n))).readAddress()), addr(cold));
        assert.equal((await cred.ok('balanceOf(address)', (w) => w.writeAddress(admin))).readU256(), 0n);
        assert.equal((await cred.ok('balanceOf(address)', (w) => w.writeAddress(cold))).readU256(), 1n);
        assert.match(await cred.reverts('setAccessKey(uint256,bytes)', (w) => { w.writeU256(0n); w.writeBytesWithLength(G); }, admin), /NotTokenOwner/);
    });

    it('mints a subscription token only to its subscriber, read from the subscriptions contract', async () => {
        // a real purchase on the subscriptions contract (OP20 payment pulled), then the cross-contract read
        await token.ok('mint(address,uint256)', (w) => { w.writeAddress(buyer); w.writeU256(250_000n); }, owner);
        await token.ok('increaseAllowance(address,uint256)', (w) => { w.writeAddress(subs.address); w.writeU256(250_000n); }, buyer);
        await subs.ok('createPlan(uint256)', word(250_000n), owner);
        const bought = await subs.ok('buySubscription(uint256,uint64,bytes,uint256)',
            (w) => { w.writeU256(1n); w.writeU64(1n); w.writeBytesWithLength(G); w.writeU256(250_000n); }, buyer);
        assert.equal(bought.readU256(), 1n);
        assert.match(await cred.reverts(MINT, mint(stranger, 1n, sealed), operator), /NotSubscriber/);
        assert.match(await cred.reverts(MINT, mint(buyer, 2n, sealed), operator), /NotSubscriber/); // no such subscription
        const r = await cred.ok(MINT, mint(buyer, 1n, sealed), operator);
        const tokenId = r.readU256();
        const m = r.events.find((e) => e.type === 'CredentialMinted');
        assert.equal(hex(m.data), u256hex(tokenId) + u256hex(1n) + addr(buyer));
        assert.equal(addr((await cred.ok('ownerOf(uint256)', word(tokenId))).readAddress()), addr(buyer));
        assert.equal((await cred.ok('subscriptionOf(uint256)', word(tokenId))).readU256(), 1n);
        const t = await cred.ok('tokenOfSubscription(uint256)', word(1n));
        assert.equal(t.readBoolean(), true);
        assert.equal(t.readU256(), tokenId);
        assert.match(await cred.reverts(MINT, mint(buyer, 1n, sealed), operator), /AlreadyMinted/);
    });

    it('keeps roles: only the owner sets the operator', async () => {
        assert.match(await cred.reverts('setOperator(address)', (w) => w.writeAddress(stranger), operator), /NotOwner/);
        await cred.ok('setOperator(address)', (w) => w.writeAddress(stranger), owner);
        assert.match(await cred.reverts(MINT, mint(admin, 9n, sealed), operator), /NotOperator/);
    });
});
