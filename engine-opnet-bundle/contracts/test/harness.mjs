// Test harness: BlockHost's OPNet contracts in the real OP_NET VM (op-vm through
// @btc-vision/unit-test-framework), driven from node:test.
import { BinaryReader, BinaryWriter } from '@btc-vision/transaction';
import { Blockchain, BytecodeManager, ContractRuntime } from '@btc-vision/unit-test-framework';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const build = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');

/**
 * One deployed contract: `send(signature, writeArgs, sender)` returns the VM's CallResponse.
 * Never name a method here `call`: ContractRuntime's own private `call(data)` is the VM's hook for
 * cross-contract calls (`call: this.call.bind(this)`); overriding it made op-vm receive a CallResponse
 * instead of bytes and abort the process (see ../../README.md, "Why these tests aborted Node before").
 */
export class Contract extends ContractRuntime {
    constructor(wasm, deployer, deploymentCalldata, address) {
        super({
            address: address ?? Blockchain.generateRandomAddress(),
            deployer,
            deploymentCalldata: deploymentCalldata ? Buffer.from(deploymentCalldata) : undefined,
            gasLimit: 150_000_000_000n,
        });
        this.wasm = join(build, wasm);
    }

    defineRequiredBytecodes() {
        BytecodeManager.loadBytecode(this.wasm, this.address);
    }

    /** The calldata of `signature` with its arguments: SHA-256 selector ‖ what `writeArgs` writes. */
    calldata(signature, writeArgs) {
        const w = new BinaryWriter();
        w.writeSelector(Number(`0x${this.abiCoder.encodeSelector(signature)}`));
        if (writeArgs) writeArgs(w);
        return w.getBuffer();
    }

    async send(signature, writeArgs, sender) {
        const calldata = this.calldata(signature, writeArgs);
        // nested calls take tx.origin from the framework's globals
        Blockchain.txOrigin = sender ?? this.deployer;
        Blockchain.msgSender = sender ?? this.deployer;
        return this.execute({ calldata, sender, txOrigin: sender });
    }

    /** Calls and requires success; returns a reader over the answer. */
    async ok(signature, writeArgs, sender) {
        const r = await this.send(signature, writeArgs, sender);
        if (r.error || r.status !== 0) throw new Error(`${signature} reverted: ${r.error?.message}`);
        return Object.assign(new BinaryReader(r.response), { events: r.events, response: r.response });
    }

    /** Calls and returns the revert message ('' when it did not revert). */
    async reverts(signature, writeArgs, sender) {
        const r = await this.send(signature, writeArgs, sender);
        return r.error || r.status !== 0 ? String(r.error?.message ?? 'reverted') : '';
    }
}

/** Deployment calldata: the addresses in order. */
export function addresses(...list) {
    const w = new BinaryWriter();
    for (const a of list) w.writeAddress(a);
    return w.getBuffer();
}

/**
 * A fresh VM with the test token, the subscriptions and the credential contract deployed; `at` may name their
 * addresses (`{ token, subscriptions, credential }`), else they are random.
 */
export async function deployAll(owner, operator, at = {}) {
    Blockchain.dispose();
    Blockchain.clearContracts();
    await Blockchain.init();
    Blockchain.blockNumber = 100n;
    Blockchain.medianTimestamp = 1_767_225_600n; // 2026-01-01T00:00:00Z
    const token = new Contract('TestToken.wasm', owner, undefined, at.token);
    const subscriptions = new Contract('BlockhostSubscriptions.wasm', owner, addresses(owner, operator, token.address),
        at.subscriptions);
    const credential = new Contract('AccessCredential.wasm', owner, addresses(owner, operator, subscriptions.address),
        at.credential);
    for (const c of [token, subscriptions, credential]) {
        Blockchain.register(c);
        await c.init();
    }
    // Deploy now, as on chain: the framework otherwise deploys a contract on its first execution, and a
    // contract first reached by a cross-contract call is deployed there without its deployment calldata.
    for (const c of [token, subscriptions, credential]) {
        const d = await c.deployContract();
        if (d && d.status !== 0) throw new Error(`deploying ${c.wasm} failed`);
    }
    return { token, subscriptions, credential };
}

export const hex = (bytes) => Buffer.from(bytes).toString('hex');
export const addr = (a) => hex(a);

/**
 * Makes every event the VM emits name the contract that emitted it (`event.contract`, an Address): the framework's
 * NetEvent carries only type and data, and a cross-contract call (a purchase pulling the OP20 payment) collects the
 * events of both contracts in one list. Wraps the runtime's `onEvent`, the VM's `emit` hook, once.
 */
export function tagEventContracts() {
    const original = ContractRuntime.prototype.onEvent;
    if (original.tagged) return;
    const tagged = function onEvent(data) {
        const result = original.call(this, data);
        this.events[this.events.length - 1].contract = this.address;
        return result;
    };
    tagged.tagged = true;
    ContractRuntime.prototype.onEvent = tagged;
}
