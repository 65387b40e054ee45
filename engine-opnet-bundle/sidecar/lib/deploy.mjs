// The deploy op: BlockHost's two contracts from contracts/build (each file checked against the
// manifest's SHA-256 before use), deployed as the SDK's TransactionFactory.signDeployment builds it
// (funding + deployment transaction, broadcast as one package). The salt comes from the caller, so a
// retried deployment of the same contract by the same wallet has the same contract address.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TransactionFactory } from '@btc-vision/transaction';
import { Transaction, fromHex } from '@btc-vision/bitcoin';
import { Invalid } from './errors.mjs';

/** contract name -> its wasm file and the third address of its deploy calldata (owner ‖ operator ‖ that). */
export const DEPLOYABLE = {
    subscriptions: { file: 'BlockhostSubscriptions.wasm', third: 'token' },
    credential: { file: 'AccessCredential.wasm', third: 'subscriptions' },
};
/** contracts/ next to sidecar.mjs: build.mjs copies ../contracts/build there, and the directory is shipped whole. */
export const DEFAULT_CONTRACTS_DIR = fileURLToPath(new URL('../contracts/', import.meta.url));
const ADDRESS = /^0x[0-9a-f]{64}$/;
const SALT = /^[0-9a-f]{64}$/;
const GAS_SAT_FEE = 10_000n;
const factory = new TransactionFactory();

export function contractsDir(value) {
    if (value === undefined || value === null) return DEFAULT_CONTRACTS_DIR;
    if (typeof value !== 'string' || !isAbsolute(value)) throw new Invalid('contractsDir must be an absolute path');
    return value;
}

/** The wasm bytes of `file`, refused unless their SHA-256 is the one manifest.json names. */
export function verifiedWasm(dir, file) {
    let manifest;
    try {
        manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    } catch {
        throw new Error('the contracts manifest cannot be read');
    }
    const expected = manifest?.files?.[file];
    if (typeof expected !== 'string' || !SALT.test(expected)) throw new Error(`the manifest names no SHA-256 for ${file}`);
    let wasm;
    try {
        wasm = readFileSync(join(dir, file));
    } catch {
        throw new Error(`${file} cannot be read`);
    }
    if (createHash('sha256').update(wasm).digest('hex') !== expected) throw new Error(`${file} does not match the manifest's SHA-256`);
    return new Uint8Array(wasm);
}

/** The request checked: which contract, its deploy calldata (three 32-byte addresses) and the salt. */
export function deployRequest(req) {
    const spec = Object.hasOwn(DEPLOYABLE, req.contract) ? DEPLOYABLE[req.contract] : undefined;
    if (!spec) throw new Invalid('contract must be subscriptions or credential');
    const parts = ['owner', 'operator', spec.third].map((field) => {
        const v = typeof req[field] === 'string' ? req[field].toLowerCase() : '';
        if (!ADDRESS.test(v) || /^0x0{64}$/.test(v)) throw new Invalid(`${field} must be 0x + 64 hex, not zero`);
        return fromHex(v.slice(2));
    });
    if (typeof req.salt !== 'string' || !SALT.test(req.salt)) throw new Invalid('salt must be 64 lower-case hex');
    return { file: spec.file, calldata: new Uint8Array(Buffer.concat(parts)), salt: fromHex(req.salt) };
}

export async function deploy(ctx, req) {
    const { file, calldata, salt } = deployRequest(req);
    const { provider, wallet, network } = ctx;
    const bytecode = verifiedWasm(ctx.contractsDir, file);
    const challenge = await provider.getChallenge();
    const utxos = await provider.utxoManager.getUTXOs({ address: wallet.p2tr });
    if (!utxos.length) throw new Error(`the host wallet has no UTXOs: fund ${wallet.p2tr}`);
    try {
        const signed = await factory.signDeployment({
            signer: wallet.keypair, mldsaSigner: wallet.mldsaKeypair, network, utxos, from: wallet.p2tr,
            feeRate: ctx.feeRate ?? 2, priorityFee: 0n, gasSatFee: GAS_SAT_FEE,
            bytecode, calldata, randomBytes: salt, challenge, linkMLDSAPublicKeyToAddress: true,
        });
        const sent = await provider.sendRawTransactionPackage(signed.transaction, true);
        const failed = sent?.sequentialResults?.find((r) => !r.success);
        if (!sent?.success || failed) throw new Error(`broadcast refused: ${failed?.error ?? sent?.error ?? 'no answer'}`);
        provider.utxoManager.spentUTXO(wallet.p2tr, signed.inputUtxos, signed.utxos);
        const [funding, deployment] = signed.transaction.map((hex) => Transaction.fromHex(hex).getId());
        return { address: signed.contractPubKey, p2op: signed.contractAddress, txid: deployment, fundingTxid: funding };
    } catch (e) {
        provider.utxoManager.clean();
        throw e;
    }
}
