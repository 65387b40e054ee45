package org.blockhost.crypto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Keccak;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * EIP-191 recovery throughput on one thread: ours vs web3j's Sign.signedPrefixedMessageToKey, same inputs, same run.
 * Excluded from the default build; run with {@code -Dgroups=bench -DexcludedGroups=}.
 */
@Tag("bench")
class RecoveryBenchmarkTest {
    private static final int INPUTS = 256;
    private static final int ROUNDS = 5;
    private static final long WARMUP_MS = 2000;
    private static final long MEASURE_MS = 3000;

    @Test
    void recoveryThroughput() throws Exception {
        byte[][] messages = new byte[INPUTS][];
        EthSignature[] sigs = new EthSignature[INPUTS];
        Sign.SignatureData[] web3 = new Sign.SignatureData[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            byte[] key = Keccak.hash256("bench key " + i);
            messages[i] = ("benchmark message " + i).getBytes(StandardCharsets.UTF_8);
            sigs[i] = PersonalSign.sign(key, messages[i]);
            byte[] raw = sigs[i].toBytes();
            web3[i] = new Sign.SignatureData(raw[64], Arrays.copyOf(raw, 32), Arrays.copyOfRange(raw, 32, 64));
            String theirs = "0x" + Keys.getAddress(Sign.signedPrefixedMessageToKey(messages[i], web3[i]));
            assertEquals(Address.fromPrivateKey(key), Address.parse(theirs), "web3j disagrees on input " + i);
        }
        double oursRate = 0;
        double web3Rate = 0;
        for (int round = 0; round < ROUNDS; round++) { // interleaved rounds; best of each (least disturbed)
            oursRate = Math.max(oursRate, measure(i -> PersonalSign.recoverPublicKey(messages[i], sigs[i]).length));
            web3Rate = Math.max(web3Rate, measure(i -> web3Recover(messages[i], web3[i])));
        }
        System.out.printf("BENCH recovery, 1 thread: ours %.0f sig/s, web3j %.0f sig/s, ratio ours/web3j = %.2f%n",
            oursRate, web3Rate, oursRate / web3Rate);
    }

    private static int web3Recover(byte[] msg, Sign.SignatureData sig) {
        try {
            BigInteger k = Sign.signedPrefixedMessageToKey(msg, sig);
            return k.bitLength();
        } catch (SignatureException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Op {
        int run(int i);
    }

    private static double measure(Op op) {
        long sink = 0;
        long end = System.nanoTime() + WARMUP_MS * 1_000_000;
        int i = 0;
        while (System.nanoTime() < end) {
            sink += op.run(i++ % INPUTS);
        }
        long count = 0;
        long start = System.nanoTime();
        end = start + MEASURE_MS * 1_000_000;
        long now;
        while ((now = System.nanoTime()) < end) {
            for (int j = 0; j < 64; j++) {
                sink += op.run(i++ % INPUTS);
            }
            count += 64;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return count / ((now - start) / 1e9);
    }
}
