package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.key;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;

/**
 * Purchase-to-credential latency through the watcher and the issuer (a minimal stand-in for
 * core's pipeline: every SubscriptionCreated committed to the sink is minted on a worker pool).
 * Run: {@code mvn -pl engine-evm-bundle verify -Dgroups=bench -DexcludedGroups= -Dtest=MintLatencyBench}.
 */
@Tag("bench")
class MintLatencyBench {
    static final Duration POLL = Duration.ofMillis(20);

    /** Watcher + sink + minting workers over one chain. */
    static final class Pipeline implements AutoCloseable {
        final Map<Long, Long> mintedAtNanos = new ConcurrentHashMap<>();
        final ExecutorService workers = Executors.newFixedThreadPool(64);
        final WatcherLoop loop;

        Pipeline(TestChain chain, TestChain.Deployment d) {
            this(chain, d, POLL, false);
        }

        Pipeline(TestChain chain, TestChain.Deployment d, Duration poll, boolean webSocket) {
            EvmCredentialIssuer issuer = new EvmCredentialIssuer(d.credential(), chain.calls, chain.sender(0),
                    EvmAddressFormat.INSTANCE, poll, Duration.ofSeconds(60));
            MemorySink sink = new MemorySink() {
                @Override
                public synchronized void commit(String engineId, List<ChainEvent> batch, ChainCursor cursor) {
                    super.commit(engineId, batch, cursor);
                    for (ChainEvent e : batch) {
                        if (e instanceof ChainEvent.SubscriptionCreated c) {
                            workers.submit(() -> {
                                issuer.mint(c.subscriptionId(), c.subscriber(), new byte[120]);
                                mintedAtNanos.put(c.subscriptionId(), System.nanoTime());
                                return null;
                            });
                        }
                    }
                }
            };
            long start = 0;
            loop = new WatcherLoop(new ChainWatcher("evm", ChainReader.of(chain.anvil.web3j()), sink, d.subscriptions(),
                    d.credential(), new ChainWatcher.Settings(0, start, 2000, 64)), poll);
            if (webSocket) {
                loop.withNewHeads(wake -> new NewHeads(new okhttp3.OkHttpClient(),
                        NewHeads.webSocketUrl(java.net.URI.create(chain.anvil.url())), wake));
            }
            loop.start();
        }

        void awaitMinted(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (mintedAtNanos.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertEquals(count, mintedAtNanos.size(), "all minted");
        }

        @Override
        public void close() {
            loop.close();
            workers.shutdownNow();
        }
    }

    static TestChain.Deployment setUp(TestChain chain) throws Exception {
        TestChain.Deployment d = chain.deployAll();
        TxSender owner = chain.sender(0);
        TxSender buyer = chain.sender(1);
        chain.tx(owner, d.subscriptions(), "setStablecoin", new Address(d.coin()));
        chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("basic"), u(100));
        chain.tx(buyer, d.coin(), "mint", new Address(address(1)), u(1_000_000_000_000L));
        chain.tx(buyer, d.coin(), "approve", new Address(d.subscriptions()), u(1_000_000_000_000L));
        return d;
    }

    static String buyData() {
        return Abi.encode("buySubscription", u(1), u(30), key(2, 33), TestChain.ANY_PRICE);
    }

    @Test
    void singlePurchaseLatencyAutomine() throws Exception {
        singlePurchaseLatency(POLL, false);
    }

    @Test
    void singlePurchaseLatencyDefaultPoll() throws Exception {
        singlePurchaseLatency(Duration.ofMillis(250), false);
    }

    @Test
    void singlePurchaseLatencyDefaultPollWithWebSocket() throws Exception {
        singlePurchaseLatency(Duration.ofMillis(250), true);
    }

    private static void singlePurchaseLatency(Duration poll, boolean webSocket) throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = setUp(chain);
            TxSender buyer = chain.sender(1);
            List<Double> millis = new ArrayList<>();
            try (Pipeline pipeline = new Pipeline(chain, d, poll, webSocket)) {
                Thread.sleep(500);
                for (int i = 1; i <= 50; i++) {
                    buyer.sendAndWait(d.subscriptions(), buyData());
                    long mined = System.nanoTime();
                    pipeline.awaitMinted(i);
                    millis.add((pipeline.mintedAtNanos.get((long) i) - mined) / 1e6);
                }
            }
            millis.sort(null);
            System.out.printf("BENCH single purchase (automine, poll %d ms, WebSocket %s): p50 %.0f ms, p95 %.0f ms,"
                    + " max %.0f ms%n", poll.toMillis(), webSocket, millis.get(24), millis.get(47), millis.get(49));
        }
    }

    @Test
    void hundredPurchasesInOneBlockAutomine() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = setUp(chain);
            TxSender buyer = chain.sender(1);
            try (Pipeline pipeline = new Pipeline(chain, d)) {
                anvil.rpc("evm_setAutomine", false);
                for (int i = 0; i < 100; i++) {
                    buyer.send(d.subscriptions(), buyData(), BigInteger.ZERO);
                }
                anvil.mine(1);
                long mined = System.nanoTime();
                anvil.rpc("evm_setAutomine", true);
                pipeline.awaitMinted(100);
                long last = pipeline.mintedAtNanos.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.printf("BENCH 100 purchases in one block (automine): all minted %.2f s after the block%n",
                        (last - mined) / 1e9);
            }
        }
    }

    @Test
    void hundredPurchasesWithTwoSecondBlocks() throws Exception {
        try (Anvil anvil = Anvil.start("--block-time", "2")) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = setUp(chain);
            TxSender buyer = chain.sender(1);
            try (Pipeline pipeline = new Pipeline(chain, d)) {
                List<String> hashes = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    hashes.add(buyer.send(d.subscriptions(), buyData(), BigInteger.ZERO));
                }
                long buyBlock = 0;
                for (String h : hashes) {
                    buyBlock = Math.max(buyBlock, buyer.waitForReceipt(h).getBlockNumber().longValueExact());
                }
                pipeline.awaitMinted(100);
                long head = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                System.out.printf("BENCH 100 purchases, 2 s blocks: purchases in block %d, all minted by block %d"
                        + " (%d blocks later)%n", buyBlock, head, head - buyBlock);
            }
        }
    }
}
