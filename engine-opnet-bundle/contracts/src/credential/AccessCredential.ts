import { u256 } from '@btc-vision/as-bignum/assembly';
import {
    Address,
    Blockchain,
    BytesWriter,
    Calldata,
    encodeSelector,
    Revert,
    SafeMath,
    StoredAddress,
    StoredMapU256,
    StoredU256,
} from '@btc-vision/btc-runtime/runtime';
import { EMPTY_POINTER } from '@btc-vision/btc-runtime/runtime/math/bytes';
import { Operated } from '../common/Roles';
import { requireAccessKey } from '../common/AccessKey';
import { StoredBytesMap } from '../common/StoredBytesMap';
import {
    AccessKeyRotatedEvent,
    CredentialMintedEvent,
    CredentialsUpdatedEvent,
    CredentialTransferredEvent,
} from './Events';

const subscriptionsPointer: u16 = Blockchain.nextPointer;
const nextTokenPointer: u16 = Blockchain.nextPointer;
const tokenOwnerPointer: u16 = Blockchain.nextPointer;
const tokenSubPointer: u16 = Blockchain.nextPointer;
const subTokenPointer: u16 = Blockchain.nextPointer;
const balancePointer: u16 = Blockchain.nextPointer;
const credentialsPointer: u16 = Blockchain.nextPointer;
const accessKeyPointer: u16 = Blockchain.nextPointer;

const MAX_CREDENTIALS: i32 = 1024;

function addressOf(v: u256): Address {
    return Address.fromUint8Array(v.toUint8Array(true));
}

function wordOf(a: Address): u256 {
    return u256.fromUint8ArrayBE(a);
}

/**
 * The access credential on OPNet: one token per subscription (token ids from 0; subscription 0 is the
 * admin credential), minted by the operator only to the subscription's subscriber, with sealed
 * credentials stored (≤ 1024 bytes, updatable by the operator) and an access key the token owner can
 * replace. Deployment calldata: owner ‖ operator ‖ subscriptions contract.
 */
@final
export class AccessCredential extends Operated {
    private readonly subscriptionsContract: StoredAddress = new StoredAddress(subscriptionsPointer);
    private readonly nextToken: StoredU256 = new StoredU256(nextTokenPointer, EMPTY_POINTER);
    private readonly tokenOwner: StoredMapU256 = new StoredMapU256(tokenOwnerPointer);
    private readonly tokenSub: StoredMapU256 = new StoredMapU256(tokenSubPointer);
    /** subscription id → token id + 1 (0: none). */
    private readonly subToken: StoredMapU256 = new StoredMapU256(subTokenPointer);
    private readonly balances: StoredMapU256 = new StoredMapU256(balancePointer);
    private readonly credentials: StoredBytesMap = new StoredBytesMap(credentialsPointer);
    private readonly accessKeys: StoredBytesMap = new StoredBytesMap(accessKeyPointer);

    public constructor() {
        super();
    }

    public override onDeployment(calldata: Calldata): void {
        this.initRoles(calldata);
        const subscriptions = calldata.readAddress();
        if (subscriptions.isZero()) throw new Revert('ZeroAddress');
        this.subscriptionsContract.value = subscriptions;
    }

    @method(
        { name: 'to', type: ABIDataTypes.ADDRESS },
        { name: 'subscriptionId', type: ABIDataTypes.UINT256 },
        { name: 'credentials', type: ABIDataTypes.BYTES },
    )
    @returns({ name: 'tokenId', type: ABIDataTypes.UINT256 })
    @emit('CredentialTransferred', 'CredentialMinted')
    public mint(calldata: Calldata): BytesWriter {
        this.onlyOperator();
        const to = calldata.readAddress();
        const subscriptionId = calldata.readU256();
        const sealed = calldata.readBytesWithLength();
        if (to.isZero()) throw new Revert('ZeroAddress');
        if (!this.subToken.get(subscriptionId).isZero()) throw new Revert('AlreadyMinted');
        if (sealed.length > MAX_CREDENTIALS) throw new Revert('CredentialsTooLong');
        if (!subscriptionId.isZero() && !this.subscriberOf(subscriptionId).equals(to)) {
            throw new Revert('NotSubscriber');
        }

        const tokenId = this.nextToken.value;
        this.nextToken.value = SafeMath.add(tokenId, u256.One);
        this.tokenOwner.set(tokenId, wordOf(to));
        this.tokenSub.set(tokenId, subscriptionId);
        this.subToken.set(subscriptionId, SafeMath.add(tokenId, u256.One));
        this.balances.set(wordOf(to), SafeMath.add(this.balances.get(wordOf(to)), u256.One));
        this.credentials.set(tokenId, sealed);
        this.emitEvent(new CredentialTransferredEvent(tokenId, Address.zero(), to));
        this.emitEvent(new CredentialMintedEvent(tokenId, subscriptionId, to));
        return this.word(tokenId);
    }

    @method({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'minted', type: ABIDataTypes.BOOL }, { name: 'tokenId', type: ABIDataTypes.UINT256 })
    public tokenOfSubscription(calldata: Calldata): BytesWriter {
        const plusOne = this.subToken.get(calldata.readU256());
        const w = new BytesWriter(33);
        w.writeBoolean(!plusOne.isZero());
        w.writeU256(plusOne.isZero() ? u256.Zero : SafeMath.sub(plusOne, u256.One));
        return w;
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'subscriptionId', type: ABIDataTypes.UINT256 })
    public subscriptionOf(calldata: Calldata): BytesWriter {
        return this.word(this.tokenSub.get(this.existingToken(calldata.readU256())));
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'owner', type: ABIDataTypes.ADDRESS })
    public ownerOf(calldata: Calldata): BytesWriter {
        const tokenId = this.existingToken(calldata.readU256());
        const w = new BytesWriter(32);
        w.writeAddress(addressOf(this.tokenOwner.get(tokenId)));
        return w;
    }

    @method({ name: 'owner', type: ABIDataTypes.ADDRESS })
    @returns({ name: 'balance', type: ABIDataTypes.UINT256 })
    public balanceOf(calldata: Calldata): BytesWriter {
        return this.word(this.balances.get(wordOf(calldata.readAddress())));
    }

    @method()
    @returns({ name: 'count', type: ABIDataTypes.UINT256 })
    public totalSupply(_: Calldata): BytesWriter {
        return this.word(this.nextToken.value);
    }

    @method({ name: 'to', type: ABIDataTypes.ADDRESS }, { name: 'tokenId', type: ABIDataTypes.UINT256 })
    @emit('CredentialTransferred')
    public transfer(calldata: Calldata): BytesWriter {
        const to = calldata.readAddress();
        const tokenId = this.existingToken(calldata.readU256());
        const from = this.onlyTokenOwner(tokenId);
        if (to.isZero()) throw new Revert('ZeroAddress');
        this.tokenOwner.set(tokenId, wordOf(to));
        this.balances.set(wordOf(from), SafeMath.sub(this.balances.get(wordOf(from)), u256.One));
        this.balances.set(wordOf(to), SafeMath.add(this.balances.get(wordOf(to)), u256.One));
        this.emitEvent(new CredentialTransferredEvent(tokenId, from, to));
        return new BytesWriter(0);
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'credentials', type: ABIDataTypes.BYTES })
    public getCredentials(calldata: Calldata): BytesWriter {
        return this.bytes(this.credentials.get(this.existingToken(calldata.readU256())));
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 }, { name: 'credentials', type: ABIDataTypes.BYTES })
    @emit('CredentialsUpdated')
    public updateCredentials(calldata: Calldata): BytesWriter {
        this.onlyOperator();
        const tokenId = this.existingToken(calldata.readU256());
        const sealed = calldata.readBytesWithLength();
        if (sealed.length > MAX_CREDENTIALS) throw new Revert('CredentialsTooLong');
        this.credentials.set(tokenId, sealed);
        this.emitEvent(new CredentialsUpdatedEvent(tokenId));
        return new BytesWriter(0);
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 }, { name: 'accessKey', type: ABIDataTypes.BYTES })
    @emit('AccessKeyRotated')
    public setAccessKey(calldata: Calldata): BytesWriter {
        const tokenId = this.existingToken(calldata.readU256());
        const key = calldata.readBytesWithLength();
        this.onlyTokenOwner(tokenId);
        requireAccessKey(key);
        this.accessKeys.set(tokenId, key);
        this.emitEvent(new AccessKeyRotatedEvent(tokenId, key));
        return new BytesWriter(0);
    }

    @method({ name: 'tokenId', type: ABIDataTypes.UINT256 })
    @returns({ name: 'accessKey', type: ABIDataTypes.BYTES })
    public getAccessKey(calldata: Calldata): BytesWriter {
        return this.bytes(this.accessKeys.get(this.existingToken(calldata.readU256())));
    }

    @method()
    @returns({ name: 'subscriptions', type: ABIDataTypes.ADDRESS })
    public subscriptions(_: Calldata): BytesWriter {
        const w = new BytesWriter(32);
        w.writeAddress(this.subscriptionsContract.value);
        return w;
    }

    /** The subscriber of a subscription on the subscriptions contract (zero when there is none). */
    private subscriberOf(subscriptionId: u256): Address {
        const call = new BytesWriter(36);
        call.writeSelector(encodeSelector('getSubscription(uint256)'));
        call.writeU256(subscriptionId);
        const result = Blockchain.call(this.subscriptionsContract.value, call);
        const planId = result.data.readU256();
        const subscriber = result.data.readAddress();
        return planId.isZero() ? Address.zero() : subscriber;
    }

    private onlyTokenOwner(tokenId: u256): Address {
        const owner = addressOf(this.tokenOwner.get(tokenId));
        if (!Blockchain.tx.sender.equals(owner)) throw new Revert('NotTokenOwner');
        return owner;
    }

    private existingToken(tokenId: u256): u256 {
        if (tokenId >= this.nextToken.value) throw new Revert('UnknownToken');
        return tokenId;
    }

    private word(v: u256): BytesWriter {
        const w = new BytesWriter(32);
        w.writeU256(v);
        return w;
    }

    private bytes(b: Uint8Array): BytesWriter {
        const w = new BytesWriter(4 + b.length);
        w.writeBytesWithLength(b);
        return w;
    }
}
