// The write methods of BlockHost's OPNet contracts (contracts/src), in the SDK's ABI form: the SDK
// derives each selector from the signature (first 4 bytes of SHA-256) and encodes the arguments.
import { ABIDataTypes } from '@btc-vision/transaction';
import { BitcoinAbiTypes } from 'opnet';

const fn = (name, inputs, outputs = []) => ({ name, type: BitcoinAbiTypes.Function, inputs, outputs });

export const CREDENTIAL_ABI = [
    fn('mint', [
        { name: 'to', type: ABIDataTypes.ADDRESS },
        { name: 'subscriptionId', type: ABIDataTypes.UINT256 },
        { name: 'credentials', type: ABIDataTypes.BYTES },
    ], [{ name: 'tokenId', type: ABIDataTypes.UINT256 }]),
    fn('updateCredentials', [
        { name: 'tokenId', type: ABIDataTypes.UINT256 },
        { name: 'credentials', type: ABIDataTypes.BYTES },
    ]),
];

export const SUBSCRIPTIONS_ABI = [
    fn('createPlan', [{ name: 'pricePerDay', type: ABIDataTypes.UINT256 }], [{ name: 'planId', type: ABIDataTypes.UINT256 }]),
    fn('updatePlan', [
        { name: 'planId', type: ABIDataTypes.UINT256 },
        { name: 'pricePerDay', type: ABIDataTypes.UINT256 },
        { name: 'active', type: ABIDataTypes.BOOL },
    ]),
    fn('markDestroyed', [{ name: 'subscriptionId', type: ABIDataTypes.UINT256 }]),
    fn('withdraw', [], [{ name: 'amount', type: ABIDataTypes.UINT256 }]),
];
