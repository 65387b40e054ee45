package org.blockhost.crypto.api;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as used by Ethereum (original Keccak padding, not SHA3-256). */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] hash256(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** Keccak-256 of the UTF-8 bytes of {@code text}. */
    public static byte[] hash256(String text) {
        return hash256(text.getBytes(StandardCharsets.UTF_8));
    }
}
