package org.blockhost.engine.opnet.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.blockhost.crypto.api.Hex;

/** Event data in the contracts' layout (see {@link EventDecoder}), for fixture blocks. */
final class Events {
    static final String SUBS = "0x" + "5a".repeat(32);
    static final String CRED = "0x" + "c3".repeat(32);
    static final String OTHER = "0x" + "77".repeat(32);
    static final String BUYER = "0x" + "b1".repeat(32);
    static final String KEY = "02" + "11".repeat(32);

    private Events() {
    }

    static Object[] created(long id, long plan, String subscriber, long expires) {
        ByteBuffer b = ByteBuffer.allocate(137);
        b.put(u256(id)).put(u256(plan)).put(Hex.decode(subscriber)).putLong(expires).put(Hex.decode(KEY));
        return new Object[] {SUBS, "SubscriptionCreated", b.array()};
    }

    static Object[] extended(long id, long expires) {
        ByteBuffer b = ByteBuffer.allocate(72);
        b.put(u256(id)).put(Hex.decode(BUYER)).putLong(expires);
        return new Object[] {SUBS, "SubscriptionExtended", b.array()};
    }

    static Object[] cancelled(long id) {
        return new Object[] {SUBS, "SubscriptionCancelled", u256(id)};
    }

    static Object[] transferred(long token, String from, String to) {
        ByteBuffer b = ByteBuffer.allocate(96);
        b.put(u256(token)).put(Hex.decode(from)).put(Hex.decode(to));
        return new Object[] {CRED, "CredentialTransferred", b.array()};
    }

    static Object[] rotated(long token, String key) {
        ByteBuffer b = ByteBuffer.allocate(65);
        b.put(u256(token)).put(Hex.decode(key));
        return new Object[] {CRED, "AccessKeyRotated", b.array()};
    }

    static byte[] u256(long v) {
        byte[] out = new byte[32];
        byte[] l = ByteBuffer.allocate(8).putLong(v).array();
        System.arraycopy(l, 0, out, 24, 8);
        return out;
    }

    static Object[] withData(Object[] event, byte[] data) {
        Object[] copy = Arrays.copyOf(event, 3);
        copy[2] = data;
        return copy;
    }
}
