package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;

/** The credential issuer and the sender against anvil: idempotent mints, parallel mints with contiguous nonces. */
class CredentialIssuerTest {
    static Anvil anvil;
    static TestChain chain;
    String credential;
    TestChain.Deployment d;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    @BeforeEach
    void deploy() throws Exception {
        anvil.rpc("evm_setAutomine", true);
        d = chain.deployAll();
        credential = d.credential();
        chain.setUpPlan(d, 100);
        chain.fund(d, 1);
    }

    private EvmCredentialIssuer issuer() {
        return new EvmCredentialIssuer(credential, chain.calls, chain.sender(0), EvmAddressFormat.INSTANCE,
                Duration.ofMillis(20), Duration.ofSeconds(30));
    }

    private BigInteger nonce(DefaultBlockParameterName tag) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(0), tag).send().getTransactionCount();
    }

    @Test
    void mintReturnsTheTokenFromTheReceiptAndIsIdempotent() throws Exception {
        chain.buy(d, 1, 1);
        EvmCredentialIssuer issuer = issuer();
        assertEquals(Optional.empty(), issuer.adminHolder());
        assertEquals(0L, issuer.mint(0, address(3), new byte[] {1}));
        assertEquals(1L, issuer.mint(1, address(1), new byte[] {2}));
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        assertEquals(1L, issuer.mint(1, address(2), new byte[] {3}));
        assertEquals(before, nonce(DefaultBlockParameterName.LATEST), "no transaction for an existing token");
        assertEquals(Optional.of(1L), issuer.tokenOfSubscription(1));
        assertEquals(Eip55.checksum(address(1)), issuer.ownerOf(1));
        assertEquals(Optional.of(Eip55.checksum(address(3))), issuer().adminHolder());
        issuer.updateCredentials(1, new byte[] {4, 5});
    }

    @Test
    void aMintToSomeoneElseThanTheSubscriberIsRejected() throws Exception {
        chain.buy(d, 1, 1);
        BigInteger before = nonce(DefaultBlockParameterName.LATEST);
        ChainRejectedException e = assertThrows(ChainRejectedException.class,
                () -> issuer().mint(1, address(2), new byte[] {1}));
        assertEquals("NotSubscriber", e.reason(), "the contract's custom error, decoded from the ABI");
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
        assertEquals(before, nonce(DefaultBlockParameterName.LATEST), "nothing sent");
        assertEquals(Optional.empty(), issuer().tokenOfSubscription(1));
    }

    @Test
    void ownerOfIsReadAtTheConfirmedBlockNotAtLatest() throws Exception {
        chain.buy(d, 1, 5);
        EvmCredentialIssuer issuer = issuer().readingOwnersAt(2);
        assertEquals(0L, issuer.mint(0, address(3), new byte[] {1}));
        assertEquals(5L, issuer.mint(5, address(1), new byte[] {2}), "the token id is the subscription id");
        anvil.mine(2);
        assertEquals(Eip55.checksum(address(1)), issuer.ownerOf(5));
        chain.tx(chain.sender(1), credential, "transferFrom", new org.web3j.abi.datatypes.Address(address(1)),
                new org.web3j.abi.datatypes.Address(address(2)), SubscriptionsContractTest.u(5));
        assertEquals(Eip55.checksum(address(1)), issuer.ownerOf(5), "a transfer one block deep does not count yet");
        anvil.mine(2);
        assertEquals(Eip55.checksum(address(2)), issuer.ownerOf(5), "confirmed: the new owner");
    }

    @Test
    void crashBetweenSendAndReceiptDoesNotMintTwice() throws Exception {
        chain.buy(d, 1, 1);
        anvil.rpc("evm_setAutomine", false);
        // the "crashed" run: the mint was submitted, the process died before its receipt
        TxSender crashed = chain.sender(0);
        crashed.send(credential, CredentialContract.mintData(address(1), 1, new byte[] {7}), BigInteger.ZERO);
        BigInteger pendingAfterCrash = nonce(DefaultBlockParameterName.PENDING);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Long> restarted = pool.submit(() -> issuer().mint(1, address(1), new byte[] {7}));
            Thread.sleep(300);
            assertFalse(restarted.isDone(), "waits for the pending mint");
            assertEquals(pendingAfterCrash, nonce(DefaultBlockParameterName.PENDING), "no second mint was sent");
            anvil.mine(1);
            assertEquals(1L, restarted.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
            anvil.rpc("evm_setAutomine", true);
        }
        assertEquals(BigInteger.ONE, chain.callUint(credential, "balanceOf", new org.web3j.abi.datatypes.Address(address(1))));
        assertEquals(1L, issuer().mint(1, address(1), new byte[] {7}));
        assertEquals(pendingAfterCrash, nonce(DefaultBlockParameterName.LATEST));
    }

    /** A mint the node dropped stalls the pipeline's retry behind its nonce: it is re-broadcast, and only one token exists. */
    @Test
    void aDroppedMintIsReBroadcastAndTheRetryMintsNoSecondToken() throws Exception {
        chain.buy(d, 1, 1);
        TxSender sender = new TxSender(anvil.web3j(), org.web3j.crypto.Credentials.create(TestChain.KEYS[0]),
                TestChain.CHAIN_ID, Duration.ofMillis(20), Duration.ofSeconds(20), Duration.ofMillis(300));
        EvmCredentialIssuer issuer = new EvmCredentialIssuer(credential, chain.calls, sender, EvmAddressFormat.INSTANCE,
                Duration.ofMillis(20), Duration.ofSeconds(20));
        anvil.rpc("evm_setAutomine", false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String dropped = sender.send(credential, CredentialContract.mintData(address(1), 1, new byte[] {7}),
                    BigInteger.ZERO);
            anvil.rpc("anvil_dropTransaction", dropped);
            Future<Long> retry = pool.submit(() -> issuer.mint(1, address(1), new byte[] {7}));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!retry.isDone() && System.nanoTime() < deadline) {
                anvil.mine(1);
                Thread.sleep(50);
            }
            assertEquals(1L, retry.get(1, TimeUnit.SECONDS));
            var first = anvil.web3j().ethGetTransactionReceipt(dropped).send().getTransactionReceipt();
            assertTrue(first.isPresent() && first.get().isStatusOK(), "the dropped mint was re-broadcast and mined");
        } finally {
            pool.shutdownNow();
            anvil.rpc("evm_setAutomine", true);
        }
        assertEquals(BigInteger.ONE, chain.callUint(credential, "balanceOf", new org.web3j.abi.datatypes.Address(address(1))), "one token, no duplicate mint");
    }

    @Test
    void hundredConcurrentMintsAllSucceedWithContiguousNonces() throws Exception {
        chain.buy(d, 1, 100);
        EvmCredentialIssuer issuer = issuer();
        BigInteger firstNonce = nonce(DefaultBlockParameterName.PENDING);
        long firstBlock = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Future<Long>> mints = new ArrayList<>();
        try {
            for (int i = 1; i <= 100; i++) {
                long subscription = i;
                mints.add(pool.submit(() -> issuer.mint(subscription, address(1), new byte[] {1, 2, 3})));
            }
            Set<Long> tokens = new HashSet<>();
            for (Future<Long> mint : mints) {
                tokens.add(mint.get(120, TimeUnit.SECONDS));
            }
            assertEquals(100, tokens.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(BigInteger.valueOf(100), chain.callUint(credential, "balanceOf", new org.web3j.abi.datatypes.Address(address(1))));
        assertEquals(firstNonce.add(BigInteger.valueOf(100)), nonce(DefaultBlockParameterName.LATEST));
        assertEquals(contiguous(firstNonce.longValueExact(), 100), sentNonces(firstBlock + 1));
    }

    private static List<Long> contiguous(long first, int count) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(first + i);
        }
        return out;
    }

    private static List<Long> sentNonces(long fromBlock) throws Exception {
        long head = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Long> nonces = new ArrayList<>();
        for (long b = fromBlock; b <= head; b++) {
            EthBlock.Block block = anvil.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(b)),
                    true).send().getBlock();
            for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
                Transaction t = (Transaction) tx.get();
                assertTrue(t.getFrom().equalsIgnoreCase(address(0)));
                nonces.add(t.getNonce().longValueExact());
            }
        }
        nonces.sort(null);
        return nonces;
    }
}
