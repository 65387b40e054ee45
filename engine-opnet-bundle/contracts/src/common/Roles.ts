import {
    Address,
    Blockchain,
    BytesWriter,
    Calldata,
    NetEvent,
    OP_NET,
    Revert,
    StoredAddress,
} from '@btc-vision/btc-runtime/runtime';

const ownerPointer: u16 = Blockchain.nextPointer;
const operatorPointer: u16 = Blockchain.nextPointer;

/** OwnershipTransferred: previous owner (32) ‖ new owner (32). */
class OwnershipTransferredEvent extends NetEvent {
    constructor(previous: Address, next: Address) {
        const w = new BytesWriter(64);
        w.writeAddress(previous);
        w.writeAddress(next);
        super('OwnershipTransferred', w);
    }
}

/** OperatorSet: operator (32). */
class OperatorSetEvent extends NetEvent {
    constructor(operator: Address) {
        const w = new BytesWriter(32);
        w.writeAddress(operator);
        super('OperatorSet', w);
    }
}

/**
 * The two roles of BlockHost's contracts, as in the EVM OperatorRole: the owner (the operator's cold
 * admin wallet after setup) and the operator (the hot host key). Deployment takes both as calldata.
 */
export abstract class Operated extends OP_NET {
    protected readonly _owner: StoredAddress = new StoredAddress(ownerPointer);
    protected readonly _operator: StoredAddress = new StoredAddress(operatorPointer);

    protected initRoles(calldata: Calldata): void {
        const owner = calldata.readAddress();
        const operator = calldata.readAddress();
        if (owner.isZero()) throw new Revert('ZeroAddress');
        this._owner.value = owner;
        this._operator.value = operator;
        this.emitEvent(new OwnershipTransferredEvent(Address.zero(), owner));
        this.emitEvent(new OperatorSetEvent(operator));
    }

    protected onlyOwner(): void {
        if (!Blockchain.tx.sender.equals(this._owner.value)) throw new Revert('NotOwner');
    }

    protected onlyOperator(): void {
        if (!Blockchain.tx.sender.equals(this._operator.value)) throw new Revert('NotOperator');
    }

    protected onlyOwnerOrOperator(): void {
        const s = Blockchain.tx.sender;
        if (!s.equals(this._owner.value) && !s.equals(this._operator.value)) throw new Revert('NotOwnerOrOperator');
    }

    @method()
    @returns({ name: 'owner', type: ABIDataTypes.ADDRESS })
    public owner(_: Calldata): BytesWriter {
        const w = new BytesWriter(32);
        w.writeAddress(this._owner.value);
        return w;
    }

    @method()
    @returns({ name: 'operator', type: ABIDataTypes.ADDRESS })
    public operator(_: Calldata): BytesWriter {
        const w = new BytesWriter(32);
        w.writeAddress(this._operator.value);
        return w;
    }

    @method({ name: 'newOwner', type: ABIDataTypes.ADDRESS })
    @emit('OwnershipTransferred')
    public transferOwnership(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const next = calldata.readAddress();
        if (next.isZero()) throw new Revert('ZeroAddress');
        const previous = this._owner.value;
        this._owner.value = next;
        this.emitEvent(new OwnershipTransferredEvent(previous, next));
        return new BytesWriter(0);
    }

    @method({ name: 'operator', type: ABIDataTypes.ADDRESS })
    @emit('OperatorSet')
    public setOperator(calldata: Calldata): BytesWriter {
        this.onlyOwner();
        const operator = calldata.readAddress();
        this._operator.value = operator;
        this.emitEvent(new OperatorSetEvent(operator));
        return new BytesWriter(0);
    }
}
