package org.blockhost.engine.opnet.internal;

import java.nio.ByteBuffer;

/**
 * Addresses and words for the contract doubles of the reads tests. Fixture blocks' events come from the OP_NET VM
 * ({@link VmRecording}); tests that need input the VM never emits make it themselves from the recorded bytes.
 */
final class Events {
    static final String SUBS = "0x" + "5a".repeat(32);
    static final String CRED = "0x" + "c3".repeat(32);
    static final String OTHER = "0x" + "77".repeat(32);
    static final String BUYER = "0x" + "b1".repeat(32);

    private Events() {
    }

    static byte[] u256(long v) {
        byte[] out = new byte[32];
        byte[] l = ByteBuffer.allocate(8).putLong(v).array();
        System.arraycopy(l, 0, out, 24, 8);
        return out;
    }
}
