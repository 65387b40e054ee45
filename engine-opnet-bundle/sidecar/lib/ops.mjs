// The operations of the protocol (README "Writes: the Node 24 sidecar"). Each write simulates the
// call (btc_call), refuses on a revert before anything is signed, then builds the funding and the
// interaction transactions with the SDK and broadcasts them as one package.
import { Address, Mnemonic, MLDSASecurityLevel, TransactionFactory } from '@btc-vision/transaction';
import { networks, Transaction, fromHex } from '@btc-vision/bitcoin';
import { getContract, OP_20_ABI } from 'opnet';
import { CREDENTIAL_ABI, SUBSCRIPTIONS_ABI } from './abi.mjs';
import { Invalid, Rejected } from './errors.mjs';
import { readMnemonic } from './keyfile.mjs';
import { SidecarProvider } from './provider.mjs';
import { contractsDir, deploy } from './deploy.mjs';

const NETWORKS = { mainnet: networks.bitcoin, testnet: networks.testnet, regtest: networks.regtest };
const ADDRESS = /^0x[0-9a-f]{64}$/;
const MAX_CREDENTIALS = 1024;
const factory = new TransactionFactory();

export async function init(req) {
    const network = NETWORKS[req.network];
    if (!network) throw new Invalid('network must be mainnet, testnet or regtest');
    const url = rpcUrl(req.rpcUrl);
    const subscriptions = optionalAddress(req.subscriptions, 'subscriptions');
    const credential = optionalAddress(req.credential, 'credential');
    const contracts = contractsDir(req.contractsDir);
    const phrase = readMnemonic(req.keyFile);
    const wallet = new Mnemonic(phrase, '', network, MLDSASecurityLevel.LEVEL2).deriveOPWallet();
    const timeout = Number.isInteger(req.timeoutMs) && req.timeoutMs > 0 ? req.timeoutMs : 20_000;
    const provider = new SidecarProvider({ url, network, timeout });
    const ctx = {
        network, url, wallet, provider, subscriptions, credential, contractsDir: contracts, feeRate: feeRate(req.feeRate),
    };
    return { ctx, answer: { address: wallet.address.toHex(), p2tr: wallet.p2tr } };
}

export const OPS = {
    mint: (ctx, req) => interact(ctx, ctx.credential, CREDENTIAL_ABI, 'mint',
        [accountAddress(req.owner, 'owner'), uint(req.subscriptionId, 'subscriptionId'), bytes(req.credentials)]),
    updateCredentials: (ctx, req) => interact(ctx, ctx.credential, CREDENTIAL_ABI, 'updateCredentials',
        [uint(req.tokenId, 'tokenId'), bytes(req.credentials)]),
    markDestroyed: (ctx, req) => interact(ctx, ctx.subscriptions, SUBSCRIPTIONS_ABI, 'markDestroyed',
        [uint(req.subscriptionId, 'subscriptionId')]),
    createPlan: (ctx, req) => interact(ctx, ctx.subscriptions, SUBSCRIPTIONS_ABI, 'createPlan',
        [positive(req.pricePerDay, 'pricePerDay')]),
    updatePlan: (ctx, req) => interact(ctx, ctx.subscriptions, SUBSCRIPTIONS_ABI, 'updatePlan',
        [positive(req.planId, 'planId'), positive(req.pricePerDay, 'pricePerDay'), bool(req.active, 'active')]),
    withdraw: (ctx) => interact(ctx, ctx.subscriptions, SUBSCRIPTIONS_ABI, 'withdraw', []),
    send: (ctx, req) => (req.asset === 'btc' ? sendBtc(ctx, req)
        : interact(ctx, address(req.asset, 'asset'), OP_20_ABI, 'transfer',
            [accountAddress(req.to, 'to'), uint(req.amount, 'amount')])),
    deploy,
    balance: async (ctx) => ({ sats: (await ctx.provider.getBalance(ctx.wallet.p2tr, true)).toString() }),
};

async function interact(ctx, contract, abi, method, args) {
    const { provider, wallet, network } = ctx;
    if (!contract) throw new Invalid(`the ${abi === CREDENTIAL_ABI ? 'credential' : 'subscriptions'} contract was not given at init`);
    const instance = getContract(Address.fromString(contract), abi, provider, network, wallet.address);
    provider.lastRevert = undefined;
    let simulation;
    try {
        simulation = await instance[method](...args);
    } catch (e) {
        if (provider.lastRevert !== undefined) throw new Rejected(provider.lastRevert);
        throw e;
    }
    if (simulation.revert) throw new Rejected(simulation.revert);
    try {
        const signed = await simulation.signTransaction({
            signer: wallet.keypair, mldsaSigner: wallet.mldsaKeypair, refundTo: wallet.p2tr,
            maximumAllowedSatToSpend: 0n, network, feeRate: ctx.feeRate,
        });
        await simulation.sendPresignedTransaction(signed);
        return {
            txid: Transaction.fromHex(signed.interactionTransactionRaw).getId(),
            fundingTxid: signed.fundingTransactionRaw ? Transaction.fromHex(signed.fundingTransactionRaw).getId() : null,
        };
    } catch (e) {
        provider.utxoManager.clean();
        throw e;
    }
}

async function sendBtc(ctx, req) {
    const { provider, wallet, network } = ctx;
    const amount = uint(req.amount, 'amount');
    if (amount < 330n) throw new Invalid('amount is below the dust limit (330 sat)');
    const to = String(req.to ?? '');
    const utxos = await provider.utxoManager.getUTXOsForAmount({
        address: wallet.p2tr, amount: amount + 20_000n, throwErrors: true,
    });
    try {
        const transfer = await factory.createBTCTransfer({
            signer: wallet.keypair, mldsaSigner: wallet.mldsaKeypair, network, utxos,
            from: wallet.p2tr, to, amount, feeRate: ctx.feeRate ?? 2, priorityFee: 0n, gasSatFee: 0n,
        });
        const sent = await provider.sendRawTransaction(transfer.tx, false);
        if (!sent || !sent.success) throw new Error(`broadcast refused: ${sent?.error ?? sent?.result ?? 'no answer'}`);
        provider.utxoManager.spentUTXO(wallet.p2tr, transfer.inputUtxos, transfer.nextUTXOs);
        return { txid: Transaction.fromHex(transfer.tx).getId(), fundingTxid: null };
    } catch (e) {
        provider.utxoManager.clean();
        throw e;
    }
}

function rpcUrl(value) {
    let url;
    try {
        url = new URL(String(value));
    } catch {
        throw new Invalid('rpcUrl is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Invalid('rpcUrl must be http or https');
    if (url.username || url.password) throw new Invalid('rpcUrl must not carry user info');
    return url.toString();
}

function address(value, field) {
    if (typeof value !== 'string' || !ADDRESS.test(value.toLowerCase())) throw new Invalid(`${field} must be 0x + 64 hex`);
    return value.toLowerCase();
}

/** A contract not deployed yet may be left out of init (null or absent): the deploy op does not need it. */
function optionalAddress(value, field) {
    return value === undefined || value === null ? null : address(value, field);
}

function accountAddress(value, field) {
    return Address.fromString(address(value, field));
}

function uint(value, field) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    if (typeof value === 'string' && /^(0|[1-9][0-9]{0,76})$/.test(value) && BigInt(value) < 2n ** 256n) return BigInt(value);
    throw new Invalid(`${field} must be a non-negative integer (decimal string)`);
}

function positive(value, field) {
    const n = uint(value, field);
    if (n === 0n) throw new Invalid(`${field} must not be 0`);
    return n;
}

function bool(value, field) {
    if (typeof value !== 'boolean') throw new Invalid(`${field} must be true or false`);
    return value;
}

function bytes(value) {
    if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) {
        throw new Invalid('credentials must be hex');
    }
    if (value.length / 2 > MAX_CREDENTIALS) throw new Invalid('credentials are longer than 1024 bytes');
    return fromHex(value);
}

function feeRate(value) {
    return typeof value === 'number' && value > 0 && value <= 10_000 ? value : undefined;
}
