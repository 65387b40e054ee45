package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.SignatureFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Distinct errors for every kind of malformed signature; v normalisation. */
class SignatureParsingTest {
    private static final String SIG = "ddd0a7290af9526056b4e35a077b9a11b513aa0028ec6c9880948544508f3c63"
        + "265e99e47ad31bb2cab9646c504576b3abc6939a1710afc08cbf3034d73214b8";
    private static final String N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private static final String ZERO = "00".repeat(32);
    private static final String ONE = "00".repeat(31) + "01";

    @ParameterizedTest
    @CsvSource({"1b,0", "1c,1", "00,0", "01,1"})
    void acceptsAllFourVForms(String v, int recId) {
        EthSignature s = EthSignature.parse("0x" + SIG + v);
        assertEquals(recId, s.recoveryId());
        assertEquals(SIG + (recId == 0 ? "1b" : "1c"), s.toHex());
        assertEquals(EthSignature.parse(SIG + v), s, "0x prefix is optional");
    }

    @Test
    void recoversWithEitherVForm() {
        Address expected = Address.parse("0x14791697260E4c9A71f18484C9f997B308e59325");
        assertEquals(expected, PersonalSign.recover("hello world", EthSignature.parse(SIG + "1c")));
        assertEquals(expected, PersonalSign.recover("hello world", EthSignature.parse(SIG + "01")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '@', value = {
        "zz@signature is not a hex string",
        "abc@signature is not a hex string",
        "''@signature is missing",
        "00@signature must be 65 bytes (r||s||v), got 1",
        "R0@signature r is zero",
        "RN@signature r is not below the curve order n",
        "S0@signature s is zero",
        "SN@signature s is not below the curve order n",
        "SH@signature s is high (s > n/2); only low-S signatures are accepted",
        "V2@signature v must be 0, 1, 27 or 28, got 2",
        "V29@signature v must be 0, 1, 27 or 28, got 29"})
    void rejectsWithDistinctMessages(String input, String message) {
        SignatureFormatException e = assertThrows(SignatureFormatException.class, () -> EthSignature.parse(expand(input)));
        assertEquals(message, e.getMessage());
    }

    private static String expand(String code) {
        String r = SIG.substring(0, 64);
        String s = SIG.substring(64);
        switch (code) {
            case "R0": return ZERO + s + "1b";
            case "RN": return N + s + "1b";
            case "S0": return r + ZERO + "1b";
            case "SN": return r + N + "1b";
            case "SH": return r + Hex.encode(toBytes(new BigInteger(N, 16).subtract(BigInteger.ONE))) + "1b";
            case "V2": return r + s + "02";
            case "V29": return r + s + "1d";
            default: return code.equals("''") ? "" : code;
        }
    }

    private static byte[] toBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        System.arraycopy(raw, Math.max(0, raw.length - 32), out, Math.max(0, 32 - raw.length), Math.min(32, raw.length));
        return out;
    }

    @Test
    void signaturesAreLowS() {
        for (int i = 1; i < 50; i++) {
            byte[] key = Hex.decode(ONE.substring(0, 62) + String.format("%02x", i));
            EthSignature s = PersonalSign.sign(key, "message " + i);
            assertEquals(-1, s.s().compareTo(new BigInteger(N, 16).shiftRight(1).add(BigInteger.ONE)));
            assertEquals(Address.fromPrivateKey(key), PersonalSign.recover("message " + i, s));
        }
    }
}
