import { u256 } from '@btc-vision/as-bignum/assembly';
import { Blockchain, BytesWriter, encodePointerUnknownLength } from '@btc-vision/btc-runtime/runtime';

/**
 * Variable-length byte values keyed by u256, in 32-byte storage slots: slot 0 holds the length,
 * slots 1.. the data (the last one zero-padded). A shorter new value leaves no old bytes readable:
 * reads stop at the stored length, and every slot up to the old length is cleared.
 */
export class StoredBytesMap {
    constructor(private readonly pointer: u16) {}

    private slot(key: u256, index: u32): Uint8Array {
        const w = new BytesWriter(36);
        w.writeU256(key);
        w.writeU32(index);
        return encodePointerUnknownLength(this.pointer, w.getBuffer());
    }

    public length(key: u256): u32 {
        return u256.fromUint8ArrayBE(Blockchain.getStorageAt(this.slot(key, 0))).toU32();
    }

    public get(key: u256): Uint8Array {
        const len = this.length(key);
        const out = new Uint8Array(len);
        const chunks = (len + 31) / 32;
        for (let i: u32 = 0; i < chunks; i++) {
            const chunk = Blockchain.getStorageAt(this.slot(key, i + 1));
            const start = i * 32;
            for (let j: u32 = 0; j < 32 && start + j < len; j++) {
                out[start + j] = chunk[j];
            }
        }
        return out;
    }

    public set(key: u256, value: Uint8Array): void {
        const oldChunks = (this.length(key) + 31) / 32;
        const len = <u32>value.length;
        const chunks = (len + 31) / 32;
        for (let i: u32 = 0; i < chunks; i++) {
            const chunk = new Uint8Array(32);
            const start = i * 32;
            for (let j: u32 = 0; j < 32 && start + j < len; j++) {
                chunk[j] = value[start + j];
            }
            Blockchain.setStorageAt(this.slot(key, i + 1), chunk);
        }
        for (let i: u32 = chunks; i < oldChunks; i++) {
            Blockchain.setStorageAt(this.slot(key, i + 1), new Uint8Array(32));
        }
        Blockchain.setStorageAt(this.slot(key, 0), u256.fromU32(len).toUint8Array(true));
    }
}
