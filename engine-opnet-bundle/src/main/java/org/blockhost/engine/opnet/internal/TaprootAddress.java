package org.blockhost.engine.opnet.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Taproot addresses (BIP-350): bech32m of witness version 1 and a 32-byte output key, for the
 * prefixes pam_web3 accepts ({@code bc} mainnet, {@code tb} testnet/signet, {@code bcrt} regtest,
 * {@code opt} OPNet testnet). Written from BIP-173/350.
 */
final class TaprootAddress {
    static final Set<String> PREFIXES = Set.of("bc", "tb", "bcrt", "opt");
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32M = 0x2bc830a3;
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private TaprootAddress() {
    }

    /** The lowercase Taproot address of {@code outputKey} (32 bytes, x-only) under {@code prefix}. */
    static String encode(String prefix, byte[] outputKey) {
        if (!PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("not a Taproot address prefix: " + prefix);
        }
        if (outputKey == null || outputKey.length != 32) {
            throw new IllegalArgumentException("a Taproot output key is 32 bytes");
        }
        byte[] data = to5Bits(outputKey);
        byte[] values = new byte[data.length + 1];
        values[0] = 1;
        System.arraycopy(data, 0, values, 1, data.length);
        int checksum = polymod(expand(prefix, values, new byte[6])) ^ BECH32M;
        StringBuilder out = new StringBuilder(prefix).append('1');
        for (byte v : values) {
            out.append(CHARSET.charAt(v));
        }
        for (int i = 0; i < 6; i++) {
            out.append(CHARSET.charAt((checksum >>> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    /** The prefix of a Taproot-looking address (text before the last {@code 1}, lowercase), or "" when none. */
    static String prefixOf(String address) {
        int sep = address == null ? -1 : address.lastIndexOf('1');
        return sep <= 0 ? "" : address.substring(0, sep).toLowerCase(Locale.ROOT);
    }

    private static byte[] to5Bits(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte b : bytes) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.write((acc >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out.write((acc << (5 - bits)) & 31);
        }
        return out.toByteArray();
    }

    private static byte[] expand(String prefix, byte[] values, byte[] tail) {
        int n = prefix.length();
        byte[] out = new byte[2 * n + 1 + values.length + tail.length];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (prefix.charAt(i) >> 5);
            out[n + 1 + i] = (byte) (prefix.charAt(i) & 31);
        }
        System.arraycopy(values, 0, out, 2 * n + 1, values.length);
        System.arraycopy(tail, 0, out, 2 * n + 1 + values.length, tail.length);
        return out;
    }

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GEN[i];
                }
            }
        }
        return chk;
    }
}
