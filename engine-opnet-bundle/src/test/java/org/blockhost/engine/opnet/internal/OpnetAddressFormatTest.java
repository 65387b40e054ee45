package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpnetAddressFormatTest {
    private static final OpnetAddressFormat F = OpnetAddressFormat.INSTANCE;
    private static final String LOWER = "0x" + "ab".repeat(31) + "0f";

    @Test
    void thirtyTwoByteHexIsCanonicalLowercase() {
        assertEquals(LOWER, F.normalise(LOWER));
        assertEquals(LOWER, F.normalise(LOWER.toUpperCase().replace("0X", "0x")));
        assertTrue(F.isValid(LOWER));
        assertEquals(32, OpnetAddressFormat.bytes(LOWER).length);
    }

    @Test
    void otherFormsAreRefusedWithAReason() {
        IllegalArgumentException bech = assertThrows(IllegalArgumentException.class,
                () -> F.normalise("bc1p2wsldez5mud2yam29q22wgfh9439spgduvct83k3pm50fcxa5dps59h4z5"));
        assertTrue(bech.getMessage().contains("Taproot or P2OP"), bech.getMessage());
        for (String bad : new String[] {null, "", "0x" + "a".repeat(63), "0x" + "a".repeat(66), "ab".repeat(32),
            "0x" + "g".repeat(64), "0x0000000000000000000000000000000000000001", " 0x" + "a".repeat(64)}) {
            assertFalse(F.isValid(bad), String.valueOf(bad));
        }
    }
}
