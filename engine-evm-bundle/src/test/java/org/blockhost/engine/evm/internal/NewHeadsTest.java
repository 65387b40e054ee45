package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** New heads by WebSocket subscription on anvil, fallback to polling, and re-subscription. */
class NewHeadsTest {
    static Anvil anvil;
    static TestChain chain;
    static TestChain.Deployment d;

    @BeforeAll
    static void start() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        d = MintLatencyBench.setUp(chain);
    }

    @AfterAll
    static void stop() throws Exception {
        anvil.close();
    }

    private WatcherLoop loop(MemorySink sink, Duration poll, URI ws) {
        long head = chain.anvil.web3j().ethBlockNumber().sendAsync().join().getBlockNumber().longValueExact();
        WatcherLoop loop = new WatcherLoop(new ChainWatcher("evm", ChainReader.of(anvil.web3j()), sink,
                d.subscriptions(), d.credential(), new ChainWatcher.Settings(0, head + 1, 2000, 64)), poll,
                Duration.ofMillis(300));
        return loop.withNewHeads(wake -> new NewHeads(new OkHttpClient(), ws, wake));
    }

    @Test
    void aNotificationWakesTheWatcherLongBeforeThePoll() throws Exception {
        MemorySink sink = new MemorySink();
        try (WatcherLoop loop = loop(sink, Duration.ofSeconds(60), NewHeads.webSocketUrl(URI.create(anvil.url())))) {
            loop.start();
            await(loop::subscribed, 10_000);
            chain.sender(1).sendAndWait(d.subscriptions(), MintLatencyBench.buyData());
            long t0 = System.nanoTime();
            await(() -> created(sink) == 1, 5_000);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "woken by the subscription");
        }
    }

    @Test
    void withoutWebSocketItPolls() throws Exception {
        MemorySink sink = new MemorySink();
        URI dead = URI.create("ws://127.0.0.1:1");
        try (WatcherLoop loop = loop(sink, Duration.ofMillis(100), dead)) {
            loop.start();
            chain.sender(1).sendAndWait(d.subscriptions(), MintLatencyBench.buyData());
            await(() -> created(sink) == 1, 5_000);
            assertFalse(loop.subscribed());
        }
    }

    @Test
    void aLostSubscriptionIsRetried() throws Exception {
        MemorySink sink = new MemorySink();
        URI ws = NewHeads.webSocketUrl(URI.create(anvil.url()));
        try (WatcherLoop loop = loop(sink, Duration.ofMillis(100), ws)) {
            loop.start();
            await(loop::subscribed, 10_000);
            loop.dropSubscriptionForTest();
            assertFalse(loop.subscribed());
            chain.sender(1).sendAndWait(d.subscriptions(), MintLatencyBench.buyData());
            await(() -> created(sink) == 1, 5_000);
            await(loop::subscribed, 10_000);
        }
    }

    @Test
    void webSocketUrlKeepsHostPortAndPath() {
        assertEquals("ws://127.0.0.1:8545", NewHeads.webSocketUrl(URI.create("http://127.0.0.1:8545")).toString());
        assertEquals("wss://rpc.example.org/v1/k", NewHeads.webSocketUrl(URI.create("https://rpc.example.org/v1/k"))
                .toString());
    }

    private static long created(MemorySink sink) {
        synchronized (sink) {
            return sink.events.stream().filter(e -> e instanceof ChainEvent.SubscriptionCreated).count();
        }
    }

    private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
