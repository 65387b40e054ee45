package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Hex;
import org.junit.jupiter.api.Test;

/** The purchase-time access key check: a compressed point that is really on secp256k1. */
class AccessKeyValidityTest {
    private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Test
    void acceptsCompressedPointsOnTheCurve() {
        assertTrue(AccessKey.isValidCompressed(G));
        assertTrue(AccessKey.isValidCompressed("0x" + G.toUpperCase()));
        assertTrue(AccessKey.isValidCompressed(Hex.encode(AccessKey.derive("11".repeat(32) + "22".repeat(32) + "1b").publicKey())));
    }

    @Test
    void refusesOffCurveWrongLengthAndJunk() {
        // x = 5: x^3 + 7 is not a square mod p, so 02||x passes a length/prefix check but is no point
        assertFalse(AccessKey.isValidCompressed("02" + "0".repeat(63) + "5"));
        assertFalse(AccessKey.isValidCompressed("03" + "0".repeat(63) + "5"));
        assertFalse(AccessKey.isValidCompressed("02" + "ff".repeat(32)), "x not a field element");
        assertFalse(AccessKey.isValidCompressed("04" + G.substring(2)));
        assertFalse(AccessKey.isValidCompressed(G.substring(0, 64)));
        assertFalse(AccessKey.isValidCompressed(G + "00"));
        assertFalse(AccessKey.isValidCompressed("02" + "zz".repeat(32)));
        assertFalse(AccessKey.isValidCompressed(""));
        assertFalse(AccessKey.isValidCompressed(null));
    }
}
