import { u256 } from '@btc-vision/as-bignum/assembly';
import { Address, BytesWriter, NetEvent } from '@btc-vision/btc-runtime/runtime';

/** tokenId ‖ from ‖ to = 96 B (from = 0 on a mint): the layout the engine decodes. */
export class CredentialTransferredEvent extends NetEvent {
    constructor(tokenId: u256, from: Address, to: Address) {
        const w = new BytesWriter(96);
        w.writeU256(tokenId);
        w.writeAddress(from);
        w.writeAddress(to);
        super('CredentialTransferred', w);
    }
}

/** tokenId ‖ subscriptionId ‖ to = 96 B. */
export class CredentialMintedEvent extends NetEvent {
    constructor(tokenId: u256, subscriptionId: u256, to: Address) {
        const w = new BytesWriter(96);
        w.writeU256(tokenId);
        w.writeU256(subscriptionId);
        w.writeAddress(to);
        super('CredentialMinted', w);
    }
}

/** tokenId ‖ accessKey (33) = 65 B. */
export class AccessKeyRotatedEvent extends NetEvent {
    constructor(tokenId: u256, accessKey: Uint8Array) {
        const w = new BytesWriter(65);
        w.writeU256(tokenId);
        w.writeBytes(accessKey);
        super('AccessKeyRotated', w);
    }
}

/** tokenId = 32 B. */
export class CredentialsUpdatedEvent extends NetEvent {
    constructor(tokenId: u256) {
        const w = new BytesWriter(32);
        w.writeU256(tokenId);
        super('CredentialsUpdated', w);
    }
}
