import { u256 } from '@btc-vision/as-bignum/assembly';
import { BytesWriter, Calldata, OP20, OP20InitParameters } from '@btc-vision/btc-runtime/runtime';

/** "TUSD", 6 decimals, open mint: tests only, never deployed by the production setup. */
@final
export class TestToken extends OP20 {
    public constructor() {
        super();
    }

    public override onDeployment(_: Calldata): void {
        this.instantiate(new OP20InitParameters(u256.Max, 6, 'Test USD', 'TUSD'));
    }

    @method({ name: 'to', type: ABIDataTypes.ADDRESS }, { name: 'amount', type: ABIDataTypes.UINT256 })
    @emit('Minted')
    public mint(calldata: Calldata): BytesWriter {
        this._mint(calldata.readAddress(), calldata.readU256());
        return new BytesWriter(0);
    }
}
