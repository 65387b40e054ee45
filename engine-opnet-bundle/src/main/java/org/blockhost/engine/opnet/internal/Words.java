package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.blockhost.crypto.api.Hex;

/** Big-endian fields of contract data (events, call results); out-of-range values are {@link IllegalArgumentException}s. */
final class Words {
    private Words() {
    }

    /** A u256 that must fit in 63 bits (ids). */
    static long u63(byte[] d, int at) {
        BigInteger v = new BigInteger(1, Arrays.copyOfRange(d, at, at + 32));
        if (v.bitLength() > 63) {
            throw new IllegalArgumentException("id does not fit in 63 bits");
        }
        return v.longValue();
    }

    /** A u64 of unix seconds. */
    static Instant seconds(byte[] d, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[at + i] & 0xff);
        }
        if (v < 0 || v > Instant.MAX.getEpochSecond()) {
            throw new IllegalArgumentException("timestamp out of range");
        }
        return Instant.ofEpochSecond(v);
    }

    static boolean bool(byte b) {
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("bool is neither 0 nor 1");
        }
        return b == 1;
    }

    /** 32 bytes as an OPNet address. */
    static String address(byte[] d, int at) {
        return "0x" + Hex.encode(Arrays.copyOfRange(d, at, at + 32));
    }

    /** {@code to − from} bytes as lowercase hex. */
    static String hex(byte[] d, int from, int to) {
        return Hex.encode(Arrays.copyOfRange(d, from, to));
    }
}
