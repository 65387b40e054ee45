package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.blockhost.engine.api.ChainUnavailableException;
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

    /** A reorg or the node dropped a host transaction nobody re-broadcast: the next one must not stall behind it. */
    @Test
    void aDroppedTransactionIsReBroadcastAndTheNextOneIsMined() throws Exception {
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofSeconds(20), Duration.ofMillis(300));
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        anvil.rpc("evm_setAutomine", false);
        try {
            String dropped = sender.send(address(2), "0x", BigInteger.ONE);
            anvil.rpc("anvil_dropTransaction", dropped);
            String next = sender.send(address(2), "0x", BigInteger.TWO);
            TransactionReceipt mined = minedWhileMining(sender, next);
            assertTrue(mined.isStatusOK());
            var first = anvil.web3j().ethGetTransactionReceipt(dropped).send().getTransactionReceipt();
            assertTrue(first.isPresent() && first.get().isStatusOK(), "the dropped transaction was re-broadcast and mined");
            assertEquals(before.add(BigInteger.TWO), nonce(DefaultBlockParameterName.LATEST));
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    /** A missing nonce this sender has no transaction for (an earlier run's, since forgotten) is filled with a no-op. */
    @Test
    void aGapThisSenderCannotReBroadcastIsFilledWithAZeroTransferToItself() throws Exception {
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofMillis(1500), Duration.ofMillis(200));
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        anvil.rpc("evm_setAutomine", false);
        try {
            String dropped = sender.send(address(2), "0x", BigInteger.ONE);
            anvil.rpc("anvil_dropTransaction", dropped);
            Thread.sleep(3100); // past twice the receipt timeout: the sender forgets it at the next send
            String next = sender.send(address(2), "0x", BigInteger.TWO);
            TransactionReceipt mined = minedWhileMining(sender, next);
            assertTrue(mined.isStatusOK());
            assertTrue(anvil.web3j().ethGetTransactionReceipt(dropped).send().getTransactionReceipt().isEmpty());
            assertEquals(before.add(BigInteger.TWO), nonce(DefaultBlockParameterName.LATEST));
            org.web3j.protocol.core.methods.response.Transaction filler = null;
            for (long n = mined.getBlockNumber().longValueExact(); filler == null && n > 0; n--) {
                var block = anvil.web3j().ethGetBlockByNumber(
                        org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), true).send().getBlock();
                filler = block.getTransactions().stream()
                        .map(r -> (org.web3j.protocol.core.methods.response.Transaction) r.get())
                        .filter(t -> t.getFrom().equalsIgnoreCase(address(3)) && t.getNonce().equals(before))
                        .findFirst().orElse(null);
            }
            assertTrue(filler != null, "nonce " + before + " was mined");
            assertEquals(address(3), filler.getTo(), "a transfer to the host's own address");
            assertEquals(BigInteger.ZERO, filler.getValue());
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    /** The gap check re-sends a dropped transaction only if it would still succeed; else its nonce gets a no-op. */
    @Test
    void aDroppedTransactionThatWouldNowRevertIsNotReSentItsNonceIsFilledInstead() throws Exception {
        String coin = chain.deploy(chain.sender(0), ContractArtifacts.TEST_STABLECOIN);
        org.web3j.abi.datatypes.generated.Uint256 amount = new org.web3j.abi.datatypes.generated.Uint256(1000);
        chain.tx(chain.sender(3), coin, "mint", new org.web3j.abi.datatypes.Address(address(3)), amount);
        chain.tx(chain.sender(3), coin, "approve", new org.web3j.abi.datatypes.Address(address(1)), amount);
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMillis(20), Duration.ofSeconds(20), Duration.ofMillis(300));
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        anvil.rpc("evm_setAutomine", false);
        try {
            String dropped = sender.send(coin, Abi.encode("transfer", new org.web3j.abi.datatypes.Address(address(2)),
                    amount), BigInteger.ZERO);
            anvil.rpc("anvil_dropTransaction", dropped);
            chain.sender(1).send(coin, Abi.encode("transferFrom", new org.web3j.abi.datatypes.Address(address(3)),
                    new org.web3j.abi.datatypes.Address(address(1)), amount), BigInteger.ZERO);
            anvil.mine(1); // the tokens are gone: the dropped transfer would now revert
            String next = sender.send(address(2), "0x", BigInteger.ONE);
            assertTrue(minedWhileMining(sender, next).isStatusOK());
            assertTrue(anvil.web3j().ethGetTransactionReceipt(dropped).send().getTransactionReceipt().isEmpty(),
                    "not re-sent: it would revert");
            assertEquals(before.add(BigInteger.TWO), nonce(DefaultBlockParameterName.LATEST), "its nonce was filled");
            assertEquals(BigInteger.ZERO, chain.callUint(coin, "balanceOf", new org.web3j.abi.datatypes.Address(address(2))));
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    /** Waits for {@code hash} while a background thread mines a block every 50 ms. */
    private static TransactionReceipt minedWhileMining(TxSender sender, String hash) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TransactionReceipt> receipt = pool.submit(() -> sender.waitForReceipt(hash));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!receipt.isDone() && System.nanoTime() < deadline) {
                anvil.mine(1);
                Thread.sleep(50);
            }
            return receipt.get(1, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends with automine off (the caller's), waits {@code millis} unmined, mines one block; the receipt. */
    /**
     * The engine hands the sender its head poll interval (up to 10 min): a receipt the first read missed
     * (the block comes a moment later) must still be seen within a second or two, not a head poll later.
     */
    @Test
    void aReceiptTheFirstReadMissedIsSeenSoonWhateverTheHeadPoll() throws Exception {
        TxSender sender = new TxSender(anvil.web3j(), Credentials.create(TestChain.KEYS[3]), TestChain.CHAIN_ID,
                Duration.ofMinutes(10), Duration.ofSeconds(60));
        anvil.rpc("evm_setAutomine", false);
        try {
            long start = System.nanoTime();
            TransactionReceipt mined = sendStuck(sender, new String[1], 300);
            assertTrue(mined.isStatusOK());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "receipt seen after " + millis + " ms");
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    @Test
    void aPendingWaitPollsAtLeastEverySecond() throws Exception {
        int[] reads = new int[1];
        PendingWait wait = new PendingWait(Duration.ofMinutes(10), Duration.ofSeconds(30));
        assertEquals("mined", assertTimeoutPreemptively(Duration.ofSeconds(5), () -> wait.await(
                () -> ++reads[0] < 3 ? Optional.empty() : Optional.of("mined"), "test")), "two pauses of at most a second");
    }

    /** Every host write (mint, update, withdrawal), not only setup's deploy, names the wallet to fund. */
    @Test
    void anUnfundedHostWalletIsNamedAndTheNextTryAfterFundingGoesThrough() throws Exception {
        Credentials key = Credentials.create("0x" + "5e".repeat(32)); // no test account: no funds
        TxSender sender = new TxSender(anvil.web3j(), key, TestChain.CHAIN_ID, Duration.ofMillis(20), Duration.ofSeconds(30));
        ChainUnavailableException e = assertThrows(ChainUnavailableException.class,
                () -> sender.sendAndWait(address(2), "0x"));
        String wallet = org.blockhost.crypto.api.Eip55.checksum(key.getAddress());
        assertTrue(e.getMessage().contains("host wallet " + wallet) && e.getMessage().contains("send it some"),
                e.getMessage());
        assertEquals(BigInteger.ZERO, anvil.web3j().ethGetTransactionCount(key.getAddress(),
                DefaultBlockParameterName.PENDING).send().getTransactionCount(), "nothing was sent");
        anvil.rpc("anvil_setBalance", key.getAddress(), "0xde0b6b3a7640000");
        assertTrue(sender.sendAndWait(address(2), "0x").isStatusOK(), "funded, the next try goes through");
    }

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
