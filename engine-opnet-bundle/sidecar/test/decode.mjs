// Reads the SDK's transactions back with @btc-vision/bitcoin and noble, independently of how they were built.
import { Transaction, script, opcodes, toHex, payments } from '@btc-vision/bitcoin';
import { schnorr } from '@noble/curves/secp256k1.js';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

export const decode = (hex) => Transaction.fromHex(hex);

/** "txid:vout" of each input (txid in display order). */
export const spends = (tx) => tx.ins.map((i) => `${toHex(Uint8Array.from(i.hash).reverse())}:${i.index}`);

/** selector = first 4 bytes of SHA-256 of the method's signature (the SDK's ABICoder.encodeSelector). */
export const selector = (signature) => createHash('sha256').update(signature).digest('hex').slice(0, 8);

/** The calldata an interaction carries: the data pushes between OP_1NEGATE and OP_ELSE of its tapscript, gunzipped. */
export function interactionCalldata(tx) {
    const witness = tx.ins[0].witness;
    const leaf = witness[witness.length - 2];
    const chunks = script.decompile(leaf);
    const start = chunks.lastIndexOf(opcodes.OP_1NEGATE);
    const end = chunks.indexOf(opcodes.OP_ELSE, start);
    const data = Buffer.concat(chunks.slice(start + 1, end).map((c) => Buffer.from(c)));
    return { leaf, calldata: gunzipSync(data) };
}

/** Every BIP-340 signature in input `index`'s witness that verifies against `xonly` (key path or the leaf's script path). */
export function validSignatures(tx, index, prevouts, xonly) {
    const witness = tx.ins[index].witness;
    const scripts = prevouts.map((p) => p.script);
    const values = prevouts.map((p) => BigInt(p.value));
    const leafHash = witness.length > 2
        ? payments.tapleafHash({ output: witness[witness.length - 2], version: 0xc0 }) : undefined;
    let good = 0;
    for (const item of witness) {
        if (item.length !== 64 && item.length !== 65) continue;
        const hashType = item.length === 65 ? item[64] : Transaction.SIGHASH_DEFAULT;
        const msg = tx.hashForWitnessV1(index, scripts, values, hashType, leafHash);
        if (schnorr.verify(item.subarray(0, 64), msg, xonly)) good++;
    }
    return good;
}

const isData = (c) => c instanceof Uint8Array;

/**
 * What a deployment's tapscript carries (the layout of the SDK's DeploymentGenerator): the sender's x-only
 * key, the contract-salt key, hash256(salt), the constructor calldata (plain) and the bytecode (gzip of
 * version byte ‖ wasm), read from the pushes around OP_DUP/OP_HASH256, OP_0 … OP_1NEGATE … OP_ELSE.
 */
export function deploymentScript(tx) {
    const witness = tx.ins[0].witness;
    const leaf = witness[witness.length - 2];
    const chunks = script.decompile(leaf);
    const dup = chunks.indexOf(opcodes.OP_DUP);
    const saltCheck = chunks.indexOf(opcodes.OP_HASH256, dup + 2);
    const ifAt = chunks.indexOf(opcodes.OP_IF);
    const zero = chunks.indexOf(opcodes.OP_0, ifAt);
    const neg = chunks.indexOf(opcodes.OP_1NEGATE, zero);
    const end = chunks.indexOf(opcodes.OP_ELSE, neg);
    const join = (from, to) => {
        const part = chunks.slice(from, to);
        if (!part.every(isData)) throw new Error('a data push decoded as an opcode');
        return Buffer.concat(part.map((c) => Buffer.from(c)));
    };
    return {
        leaf, senderKey: chunks[dup - 1], contractSaltKey: chunks[saltCheck - 2], saltHash: chunks[saltCheck + 1],
        calldata: join(zero + 1, neg), compressed: join(neg + 1, end), bytecode: gunzipSync(join(neg + 1, end)),
    };
}

export const hash256 = (data) => createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
