import { u256 } from '@btc-vision/as-bignum/assembly';
import { Address, BytesWriter, NetEvent } from '@btc-vision/btc-runtime/runtime';

/** id ‖ planId ‖ subscriber ‖ u64 expiresAt ‖ accessKey (33) = 137 B: the layout the engine decodes. */
export class SubscriptionCreatedEvent extends NetEvent {
    constructor(id: u256, planId: u256, subscriber: Address, expiresAt: u64, accessKey: Uint8Array) {
        const w = new BytesWriter(137);
        w.writeU256(id);
        w.writeU256(planId);
        w.writeAddress(subscriber);
        w.writeU64(expiresAt);
        w.writeBytes(accessKey);
        super('SubscriptionCreated', w);
    }
}

/** id ‖ payer ‖ u64 newExpiresAt = 72 B. */
export class SubscriptionExtendedEvent extends NetEvent {
    constructor(id: u256, payer: Address, newExpiresAt: u64) {
        const w = new BytesWriter(72);
        w.writeU256(id);
        w.writeAddress(payer);
        w.writeU64(newExpiresAt);
        super('SubscriptionExtended', w);
    }
}

/** An event whose data is one u256 id (SubscriptionCancelled, SubscriptionDestroyed). */
export class IdEvent extends NetEvent {
    constructor(type: string, id: u256) {
        const w = new BytesWriter(32);
        w.writeU256(id);
        super(type, w);
    }
}

/** PlanCreated / PlanUpdated: planId ‖ pricePerDay ‖ bool active = 65 B. */
export class PlanEvent extends NetEvent {
    constructor(type: string, planId: u256, pricePerDay: u256, active: bool) {
        const w = new BytesWriter(65);
        w.writeU256(planId);
        w.writeU256(pricePerDay);
        w.writeBoolean(active);
        super(type, w);
    }
}

/** An event whose data is one address (PayoutAddressSet). */
export class AddressEvent extends NetEvent {
    constructor(type: string, a: Address) {
        const w = new BytesWriter(32);
        w.writeAddress(a);
        super(type, w);
    }
}

/** Withdrawn: to ‖ amount = 64 B. */
export class WithdrawnEvent extends NetEvent {
    constructor(to: Address, amount: u256) {
        const w = new BytesWriter(64);
        w.writeAddress(to);
        w.writeU256(amount);
        super('Withdrawn', w);
    }
}
