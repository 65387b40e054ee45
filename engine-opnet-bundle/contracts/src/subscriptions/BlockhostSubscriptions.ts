import { u256 } from '@btc-vision/as-bignum/assembly';
import {
    Address,
    Blockchain,
    BytesWriter,
    Calldata,
    Revert,
    SafeMath,
    StoredAddress,
    StoredMapU256,
    StoredU256,
    TransferHelper,
} from '@btc-vision/btc-runtime/runtime';
import { EMPTY_POINTER } from '@btc-vision/btc-runtime/runtime/math/bytes';
import { Operated } from '../common/Roles';
import { requireAccessKey } from '../common/AccessKey';
import {
    AddressEvent,
    IdEvent,
    PlanEvent,
    SubscriptionCreatedEvent,
    SubscriptionExtendedEvent,
    WithdrawnEvent,
} from './Events';

const tokenPointer: u16 = Blockchain.nextPointer;
const payoutPointer: u16 = Blockchain.nextPointer;
const planCountPointer: u16 = Blockchain.nextPointer;
const planPricePointer: u16 = Blockchain.nextPointer;
const planActivePointer: u16 = Blockchain.nextPointer;
const subCountPointer: u16 = Blockchain.nextPointer;
const subPlanPointer: u16 = Blockchain.nextPointer;
const subOwnerPointer: u16 = Blockchain.nextPointer;
const subExpiryPointer: u16 = Blockchain.nextPointer;
const subFlagsPointer: u16 = Blockchain.nextPointer;
const collectedPointer: u16 = Blockchain.nextPointer;

const DAY: u64 = 86400;
const MAX_DAYS: u64 = 3650;
const CANCELLED: u64 = 1;
const DESTROYED: u64 = 2;

function addressOf(v: u256): Address {
    return Address.fromUint8Array(v.toUint8Array(true));
}

function wordOf(a: Address): u256 {
    return u256.fromUint8ArrayBE(a);
}

/**
 * BlockHost subscriptions on OPNet: plans priced per day in one OP20 token (base units), buy, extend,
 * cancel (owner), destroyed marks (operator), withdrawals to the payout address. Deployment calldata:
 * owner ‖ operator ‖ payment token.
 */
@final
export class BlockhostSubscriptions extends Operated {
    private readonly token: StoredAddress = new StoredAddress(tokenPointer);
    private readonly payout: StoredAddress = new StoredAddress(payoutPointer);
    private readonly plans: StoredU256 = new StoredU256(planCountPointer, EMPTY_POINTER);
    private readonly planPrice: StoredMapU256 = new StoredMapU256(planPricePointer);
    private readonly planActive: StoredMapU256 = new StoredMapU256(planActivePointer);
    private readonly subCount: StoredU256 = new StoredU256(subCountPointer, EMPTY_POINTER);
    private readonly subPlan: StoredMapU256 = new StoredMapU256(subPlanPointer);
    private readonly subOwner: StoredMapU256 = new StoredMapU256(subOwnerPointer);
    private readonly subExpiry: StoredMapU256 = new StoredMapU256(subExpiryPointer);
    private readonly subFlags: StoredMapU256 = new StoredMapU256(subFlagsPointer);
    private readonly collected: StoredU256 = new StoredU256(collectedPointer, EMPTY_POINTER);

    public constructor() {
        super();
    }

    public override onDeployment(calldata: Calldata): void {
        this.initRoles(calldata);
        const token = calldata.readAddress();
        if (token.isZero()) throw new Revert('ZeroAddress');
        this.token.value = token;
    }

    @method({ name: 'pricePerDay', type: ABIDataTypes.UINT256 })
    @returns({ name: 'planId', type: ABIDataTypes.UINT256 })
    @emit('PlanCreated')
    public createPlan(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const price = calldata.readU256();
        if (price.isZero()) throw new Revert('InvalidPrice');
        const id = SafeMath.add(this.plans.value, u256.One);
        this.plans.value = id;
        this.planPrice.set(id, price);
        this.planActive.set(id, u256.One);
        this.emitEvent(new PlanEvent('PlanCreated', id, price, true));
        return this.word(id);
    }

    @method(
        { name: 'planId', type: ABIDataTypes.UINT256 },
        { name: 'pricePerDay', type: ABIDataTypes.UINT256 },
        { name: 'active', type: ABIDataTypes.BOOL },
    )
    @emit('PlanUpdated')
    public updatePlan(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const id = this.existingPlan(calldata.readU256());
        const price = calldata.readU256();
        const active = calldata.readBoolean();
        if (price.isZero()) throw new Revert('InvalidPrice');
        this.planPrice.set(id, price);
        this.planActive.set(id, active ? u256.One : u256.Zero);
        this.emitEvent(new PlanEvent('PlanUpdated', id, price, active));
        return new BytesWriter(0);
    }

    @method({ name: 'planId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'pricePerDay', type: ABIDataTypes.UINT256 }, { name: 'active', type: ABIDataTypes.BOOL })
    public getPlan(calldata: Calldata): BytesWriter {
        const id = this.existingPlan(calldata.readU256());
        const w = new BytesWriter(33);
        w.writeU256(this.planPrice.get(id));
        w.writeBoolean(!this.planActive.get(id).isZero());
        return w;
    }

    @method()
    @returns({ name: 'count', type: ABIDataTypes.UINT256 })
    public planCount(_: Calldata): BytesWriter {
        return this.word(this.plans.value);
    }

    @method()
    @returns({ name: 'token', type: ABIDataTypes.ADDRESS })
    public paymentToken(_: Calldata): BytesWriter {
        const w = new BytesWriter(32);
        w.writeAddress(this.token.value);
        return w;
    }

    @method({ name: 'planId', type: ABIDataTypes.UINT256 }, { name: 'days', type: ABIDataTypes.UINT64 })
    @returns({ name: 'amount', type: ABIDataTypes.UINT256 })
    public calculatePayment(calldata: Calldata): BytesWriter {
        const id = this.existingPlan(calldata.readU256());
        return this.word(this.price(id, this.validDays(calldata.readU64())));
    }

    @method(
        { name: 'planId', type: ABIDataTypes.UINT256 },
        { name: 'days', type: ABIDataTypes.UINT64 },
        { name: 'accessKey', type: ABIDataTypes.BYTES },
        { name: 'maxAmount', type: ABIDataTypes.UINT256 },
    )
    @returns({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @emit('SubscriptionCreated')
    public buySubscription(calldata: Calldata): BytesWriter {
        const planId = this.existingPlan(calldata.readU256());
        const days = this.validDays(calldata.readU64());
        const accessKey = calldata.readBytesWithLength();
        const maxAmount = calldata.readU256();
        if (this.planActive.get(planId).isZero()) throw new Revert('PlanInactive');
        requireAccessKey(accessKey);
        const amount = this.price(planId, days);
        if (amount > maxAmount) throw new Revert('PriceAboveMax');

        const buyer = Blockchain.tx.sender;
        const id = SafeMath.add(this.subCount.value, u256.One);
        const expiresAt = SafeMath.add64(this.now(), days * DAY);
        this.subCount.value = id;
        this.subPlan.set(id, planId);
        this.subOwner.set(id, wordOf(buyer));
        this.subExpiry.set(id, u256.fromU64(expiresAt));
        this.pull(buyer, amount);
        this.emitEvent(new SubscriptionCreatedEvent(id, planId, buyer, expiresAt, accessKey));
        return this.word(id);
    }

    @method(
        { name: 'subscriptionId', type: ABIDataTypes.UINT256 },
        { name: 'days', type: ABIDataTypes.UINT64 },
        { name: 'maxAmount', type: ABIDataTypes.UINT256 },
    )
    @returns({ name: 'expiresAt', type: ABIDataTypes.UINT64 })
    @emit('SubscriptionExtended')
    public extendSubscription(calldata: Calldata): BytesWriter {
        const id = this.existingSubscription(calldata.readU256());
        const days = this.validDays(calldata.readU64());
        const maxAmount = calldata.readU256();
        const flags = this.subFlags.get(id).toU64();
        if (flags & DESTROYED) throw new Revert('SubscriptionIsDestroyed');
        if (flags & CANCELLED) throw new Revert('SubscriptionIsCancelled');
        const amount = this.price(this.subPlan.get(id), days);
        if (amount > maxAmount) throw new Revert('PriceAboveMax');

        const expiry = this.subExpiry.get(id).toU64();
        const base = expiry > this.now() ? expiry : this.now();
        const newExpiry = SafeMath.add64(base, days * DAY);
        this.subExpiry.set(id, u256.fromU64(newExpiry));
        const payer = Blockchain.tx.sender;
        this.pull(payer, amount);
        this.emitEvent(new SubscriptionExtendedEvent(id, payer, newExpiry));
        const w = new BytesWriter(8);
        w.writeU64(newExpiry);
        return w;
    }

    @method({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @emit('SubscriptionCancelled')
    public cancelSubscription(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const id = this.existingSubscription(calldata.readU256());
        this.setFlag(id, CANCELLED, 'SubscriptionCancelled');
        return new BytesWriter(0);
    }

    @method({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @emit('SubscriptionDestroyed')
    public markDestroyed(calldata: Calldata): BytesWriter {
        this.onlyOperator();
        const id = this.existingSubscription(calldata.readU256());
        this.setFlag(id, DESTROYED, 'SubscriptionDestroyed');
        return new BytesWriter(0);
    }

    @method({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'destroyed', type: ABIDataTypes.BOOL })
    public isDestroyed(calldata: Calldata): BytesWriter {
        const w = new BytesWriter(1);
        w.writeBoolean((this.subFlags.get(calldata.readU256()).toU64() & DESTROYED) != 0);
        return w;
    }

    /** planId ‖ subscriber ‖ u64 expiresAt ‖ bool cancelled = 73 B; planId 0 = no such subscription. */
    @method({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @returns(
        { name: 'planId', type: ABIDataTypes.UINT256 },
        { name: 'subscriber', type: ABIDataTypes.ADDRESS },
        { name: 'expiresAt', type: ABIDataTypes.UINT64 },
        { name: 'cancelled', type: ABIDataTypes.BOOL },
    )
    public getSubscription(calldata: Calldata): BytesWriter {
        const id = calldata.readU256();
        const w = new BytesWriter(73);
        w.writeU256(this.subPlan.get(id));
        w.writeAddress(addressOf(this.subOwner.get(id)));
        w.writeU64(this.subExpiry.get(id).toU64());
        w.writeBoolean((this.subFlags.get(id).toU64() & CANCELLED) != 0);
        return w;
    }

    @method({ name: 'payout', type: ABIDataTypes.ADDRESS })
    @emit('PayoutAddressSet')
    public setPayoutAddress(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const payout = calldata.readAddress();
        this.payout.value = payout;
        this.emitEvent(new AddressEvent('PayoutAddressSet', payout));
        return new BytesWriter(0);
    }

    @method()
    @returns({ name: 'payout', type: ABIDataTypes.ADDRESS })
    public payoutAddress(_: Calldata): BytesWriter {
        const w = new BytesWriter(32);
        w.writeAddress(this.payoutTarget());
        return w;
    }

    /** Sends everything paid in so far (and not yet withdrawn) to the payout address. */
    @method()
    @returns({ name: 'amount', type: ABIDataTypes.UINT256 })
    @emit('Withdrawn')
    public withdraw(_: Calldata): BytesWriter {
        this.onlyOwnerOrOperator();
        const amount = this.collected.value;
        const to = this.payoutTarget();
        this.collected.value = u256.Zero;
        if (!amount.isZero()) {
            TransferHelper.transfer(this.token.value, to, amount);
        }
        this.emitEvent(new WithdrawnEvent(to, amount));
        return this.word(amount);
    }

    private payoutTarget(): Address {
        const p = this.payout.value;
        return p.isZero() ? this._owner.value : p;
    }

    private pull(from: Address, amount: u256): void {
        this.collected.value = SafeMath.add(this.collected.value, amount);
        TransferHelper.transferFrom(this.token.value, from, this.address, amount);
    }

    private setFlag(id: u256, flag: u64, eventType: string): void {
        const flags = this.subFlags.get(id).toU64();
        if (flags & flag) throw new Revert(flag == CANCELLED ? 'AlreadyCancelled' : 'AlreadyDestroyed');
        this.subFlags.set(id, u256.fromU64(flags | flag));
        this.emitEvent(new IdEvent(eventType, id));
    }

    private existingPlan(id: u256): u256 {
        if (id.isZero() || id > this.plans.value) throw new Revert('PlanNotFound');
        return id;
    }

    private existingSubscription(id: u256): u256 {
        if (id.isZero() || id > this.subCount.value) throw new Revert('SubscriptionNotFound');
        return id;
    }

    private validDays(days: u64): u64 {
        if (days < 1 || days > MAX_DAYS) throw new Revert('InvalidDays');
        return days;
    }

    private price(planId: u256, days: u64): u256 {
        return SafeMath.mul(this.planPrice.get(planId), u256.fromU64(days));
    }

    private now(): u64 {
        return Blockchain.block.medianTimestamp;
    }

    private word(v: u256): BytesWriter {
        const w = new BytesWriter(32);
        w.writeU256(v);
        return w;
    }
}
