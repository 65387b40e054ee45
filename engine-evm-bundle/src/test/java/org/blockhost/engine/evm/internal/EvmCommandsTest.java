package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EvmCommandsTest {
    @Test
    void amountsAreDecimalInTheAssetsUnit() {
        assertEquals(new BigInteger("1500000000000000000"), EvmCommands.parseAmount("1.5", 18));
        assertEquals(BigInteger.valueOf(1), EvmCommands.parseAmount("0.000001", 6));
        assertEquals(BigInteger.valueOf(2_000_000), EvmCommands.parseAmount("2.000000000", 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.0000001", "abc", "", "1e400", "NaN"})
    void badAmountsAreRefused(String amount) {
        assertThrows(IllegalArgumentException.class, () -> EvmCommands.parseAmount(amount, 6));
    }
}
