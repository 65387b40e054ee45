package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The sender against anvil: reverts cost no nonce, stuck transactions are replaced with a higher fee. */
class TxSenderTest {
    static Anvil anvil;
    static TestChain chain;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    private static BigInteger nonce(DefaultBlockParameterName tag) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(3), tag).send().getTransactionCount();
    }

    @Test
    void aCallThatWouldRevertConsumesNoNonce() throws Exception {
        TestChain.Deployment d = chain.deployAll();
        TxSender sender = chain.sender(3);
        BigInteger before = nonce(DefaultBlockParameterName.PENDING);
        TransactionRevertedException e = assertThrows(TransactionRevertedException.class, () -> sender.send(
                d.credential(), CredentialContract.mintData(address(3), 1, new byte[0]), BigInteger.ZERO));
        assertTrue(e.is("NotOperator(address)"), e.data());
        assertEquals(before, nonce(DefaultBlockParameterName.PENDING));
        assertTrue(sender.sendAndWait(address(2), "0x").isStatusOK(), "the next send uses the same nonce");
    }

    @Test
    void aStuckTransactionIsReplacedWithABumpedFee() throws Exception {
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofMillis(200));
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        anvil.rpc("evm_setAutomine", false);
        try {
            String[] first = new String[1];
            TransactionReceipt mined = sendStuck(sender, first, 700);
            assertTrue(mined.isStatusOK());
            assertNotEquals(first[0], mined.getTransactionHash(), "a replacement was mined");
            var tx = anvil.web3j().ethGetTransactionByHash(mined.getTransactionHash()).send().getTransaction()
                    .orElseThrow();
            var original = anvil.web3j().ethGetTransactionByHash(first[0]).send().getTransaction();
            assertTrue(original.isEmpty() || original.get().getBlockHash() == null, "the original was not mined");
            assertEquals(before, tx.getNonce());
            assertEquals(before.add(BigInteger.ONE), nonce(DefaultBlockParameterName.LATEST));
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    @Test
    void feesNeverPassTheConfiguredCapAndACappedTransactionIsNotRepriced() throws Exception {
        anvil.rpc("evm_setAutomine", false);
        BigInteger cap = new FeeOracle(anvil.web3j()).current().max().add(BigInteger.ONE); // just above the first offer
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofMillis(200), cap);
        try {
            String[] first = new String[1];
            TransactionReceipt mined = sendStuck(sender, first, 900);
            assertEquals(first[0], mined.getTransactionHash(), "not replaced: a bump would pass the cap");
            assertEquals(1, sender.feeCapHits(), "reported once");
            var tx = anvil.web3j().ethGetTransactionByHash(first[0]).send().getTransaction().orElseThrow();
            assertTrue(tx.getMaxFeePerGas().compareTo(cap) <= 0, "offered " + tx.getMaxFeePerGas());
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
        TxSender low = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(60), BigInteger.valueOf(900_000_000L));
        TransactionReceipt r = low.sendAndWait(address(2), "0x");
        var tx = anvil.web3j().ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction().orElseThrow();
        assertEquals(BigInteger.valueOf(900_000_000L), tx.getMaxFeePerGas(), "the first offer is clamped to the cap");
    }

    /** Sends with automine off (the caller's), waits {@code millis} unmined, mines one block; the receipt. */
    private static TransactionReceipt sendStuck(TxSender sender, String[] first, long millis) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            first[0] = sender.send(address(2), "0x", BigInteger.ONE);
            Future<TransactionReceipt> receipt = pool.submit(() -> sender.waitForReceipt(first[0]));
            Thread.sleep(millis);
            anvil.mine(1);
            return receipt.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
