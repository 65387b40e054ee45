package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.key;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.methods.response.Log;

/** The watcher against anvil with a test-double sink. */
class ChainWatcherTest {
    Anvil anvil;
    TestChain chain;
    TestChain.Deployment d;
    TxSender owner;
    TxSender buyer;

    @BeforeEach
    void start() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        owner = chain.sender(0);
        buyer = chain.sender(1);
        d = chain.deployAll();
        chain.tx(owner, d.subscriptions(), "setStablecoin", new Address(d.coin()));
        chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("basic"), u(100));
        chain.tx(buyer, d.coin(), "mint", new Address(address(1)), u(1_000_000_000_000L));
        chain.tx(buyer, d.coin(), "approve", new Address(d.subscriptions()), u(1_000_000_000_000L));
    }

    @AfterEach
    void stop() throws Exception {
        anvil.close();
    }

    private ChainWatcher watcher(ChainReader reader, MemorySink sink, int confirmations, int maxRange) {
        return new ChainWatcher("evm", reader, sink, d.subscriptions(), d.credential(),
                new ChainWatcher.Settings(confirmations, 0, maxRange, 16));
    }

    private void buy(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            chain.tx(buyer, d.subscriptions(), "buySubscription", u(1), u(1 + i), key(2, 33), TestChain.ANY_PRICE);
        }
    }

    private static void drain(ChainWatcher watcher) throws ChainUnavailableException {
        int guard = 0;
        while (watcher.poll()) {
            assertTrue(++guard < 10_000, "watcher does not settle");
        }
    }

    private static List<Long> createdIds(MemorySink sink) {
        return sink.events.stream().filter(e -> e instanceof ChainEvent.SubscriptionCreated)
                .map(e -> ((ChainEvent.SubscriptionCreated) e).subscriptionId()).toList();
    }

    @Test
    void deliversEveryEventKindInChainOrder() throws Exception {
        buy(3);
        chain.tx(buyer, d.subscriptions(), "extendSubscription", u(2), u(5), TestChain.ANY_PRICE);
        chain.tx(owner, d.subscriptions(), "cancelSubscription", u(3));
        chain.tx(owner, d.credential(), "mint", new Address(address(1)), u(1), new DynamicBytes(new byte[] {1}));
        chain.tx(buyer, d.credential(), "setAccessKey", u(1), key(3, 33)); // token id = subscription id
        chain.tx(buyer, d.credential(), "transferFrom", new Address(address(1)), new Address(address(2)), u(1));
        MemorySink sink = new MemorySink();
        drain(watcher(ChainReader.of(anvil.web3j()), sink, 0, 1000));

        List<String> kinds = sink.events.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("SubscriptionCreated", "SubscriptionCreated", "SubscriptionCreated", "SubscriptionExtended",
                "SubscriptionCancelled", "AccessKeyRotated", "CredentialTransferred"), kinds);
        assertEquals(List.of(1L, 2L, 3L), createdIds(sink));
        var created = (ChainEvent.SubscriptionCreated) sink.events.get(0);
        assertEquals(Eip55.checksum(address(1)), created.subscriber());
        assertEquals(1L, created.planId());
        assertEquals(org.blockhost.crypto.api.Hex.encode(key(2, 33).getValue()), created.accessKey());
        var transfer = (ChainEvent.CredentialTransferred) sink.events.get(6);
        assertEquals(Eip55.checksum(address(2)), transfer.to());
        assertEquals(1L, transfer.tokenId());
        long head = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        assertEquals(head, sink.cursor("evm").orElseThrow().blockNumber());
        for (int i = 1; i < sink.events.size(); i++) {
            assertTrue(sink.events.get(i - 1).origin().blockNumber() <= sink.events.get(i).origin().blockNumber());
        }
    }

    @Test
    void restartInTheMiddleLosesAndDuplicatesNothing() throws Exception {
        buy(6);
        MemorySink sink = new MemorySink();
        ChainWatcher first = watcher(ChainReader.of(anvil.web3j()), sink, 0, 3);
        for (int i = 0; i < 4; i++) {
            first.poll();
        }
        assertTrue(createdIds(sink).size() < 6, "stopped in the middle");
        buy(2);
        drain(watcher(ChainReader.of(anvil.web3j()), sink, 0, 3));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), createdIds(sink));
    }

    @Test
    void adaptsToARpcThatRefusesLargeRanges() throws Exception {
        buy(4);
        AtomicInteger refusals = new AtomicInteger();
        ChainReader real = ChainReader.of(anvil.web3j());
        ChainReader strict = new ForwardingReader(real) {
            @Override
            public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                    throws ChainUnavailableException, RangeTooLargeException {
                if (to - from + 1 > 4) {
                    refusals.incrementAndGet();
                    throw new RangeTooLargeException("query exceeds max block range 4");
                }
                return real.logs(addresses, topics, from, to);
            }
        };
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = watcher(strict, sink, 0, 64);
        drain(watcher);
        assertEquals(List.of(1L, 2L, 3L, 4L), createdIds(sink));
        assertTrue(refusals.get() >= 4, "the range was refused, then halved: " + refusals.get());
        assertTrue(watcher.range() > 4, "the range grows back after successes: " + watcher.range());
    }

    @Test
    void reorgShallowerThanConfirmationsHasNoEffect() throws Exception {
        buy(3);
        anvil.mine(6);
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = watcher(ChainReader.of(anvil.web3j()), sink, 5, 1000);
        drain(watcher);
        List<ChainEvent> before = new ArrayList<>(sink.events);
        anvil.rpc("anvil_reorg", 4, List.of());
        anvil.mine(3);
        drain(watcher);
        assertEquals(List.of(), sink.reorgs);
        assertEquals(before, sink.events);
        assertEquals(List.of(1L, 2L, 3L), createdIds(sink));
    }

    @Test
    void deeperReorgRemovingAnActedOnPurchaseIsReported() throws Exception {
        anvil.mine(3);
        buy(1);
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = watcher(ChainReader.of(anvil.web3j()), sink, 0, 1000);
        drain(watcher);
        assertEquals(List.of(1L), createdIds(sink));
        sink.actOnAll();
        anvil.rpc("anvil_reorg", 2, List.of());
        drain(watcher);
        assertEquals(1, sink.reorgs.size(), "one reorg reported");
        ChainEvent removed = sink.reported.stream().filter(e -> e instanceof ChainEvent.SubscriptionCreated)
                .findFirst().orElseThrow();
        assertInstanceOf(ChainEvent.SubscriptionCreated.class, removed);
        assertEquals(1L, ((ChainEvent.SubscriptionCreated) removed).subscriptionId());
    }

    @Test
    void logsOfAnOldForkAreNeverCommittedAndTheNewForksEventsArrive() throws Exception {
        anvil.mine(3);
        chain.tx(buyer, d.subscriptions(), "buySubscription", u(1), u(1), key(2, 33), TestChain.ANY_PRICE);
        ChainReader real = ChainReader.of(anvil.web3j());
        long head = real.headNumber();
        List<Log> oldFork = real.logs(List.of(d.subscriptions(), d.credential()), LogDecoder.topics(), 0, head);
        anvil.rpc("anvil_reorg", 2, List.of());
        chain.tx(chain.sender(1), d.subscriptions(), "buySubscription", u(1), u(7), key(3, 33), TestChain.ANY_PRICE); // fresh nonce
        AtomicInteger stale = new AtomicInteger(1);
        ChainReader forked = new ForwardingReader(real) {
            @Override
            public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                    throws ChainUnavailableException, RangeTooLargeException {
                return stale.getAndDecrement() > 0 ? oldFork : real.logs(addresses, topics, from, to);
            }
        };
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = watcher(forked, sink, 0, 1000);
        assertThrows(ChainUnavailableException.class, watcher::poll, "an old-fork answer is refused");
        assertEquals(0, sink.commits, "nothing committed");
        assertTrue(sink.cursor("evm").isEmpty());
        drain(watcher);
        List<ChainEvent> created = sink.events.stream().filter(e -> e instanceof ChainEvent.SubscriptionCreated).toList();
        assertEquals(1, created.size(), created.toString());
        var event = (ChainEvent.SubscriptionCreated) created.get(0);
        assertEquals(org.blockhost.crypto.api.Hex.encode(key(3, 33).getValue()), event.accessKey(), "the new fork's");
        assertEquals(real.blockHash(event.origin().blockNumber()), event.origin().blockHash());
    }

    @Test
    void aLaggingNodeThatAnswersNothingForTheLastBlockLosesNoEvent() throws Exception {
        buy(2);
        ChainReader real = ChainReader.of(anvil.web3j());
        long last = real.headNumber();
        AtomicInteger unknown = new AtomicInteger(1);
        ChainReader lagging = new ForwardingReader(real) {
            @Override
            public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                    throws ChainUnavailableException, RangeTooLargeException {
                return real.logs(addresses, topics, from, Math.min(to, last - 1)); // one block behind
            }

            @Override
            public List<Log> logsOfBlock(String blockHash) throws ChainUnavailableException {
                if (unknown.getAndDecrement() > 0) {
                    throw new ChainUnavailableException("unknown block"); // the lagging node, asked by hash
                }
                return real.logsOfBlock(blockHash);
            }
        };
        MemorySink sink = new MemorySink();
        ChainWatcher watcher = watcher(lagging, sink, 0, 1000);
        assertThrows(ChainUnavailableException.class, watcher::poll);
        assertTrue(sink.cursor("evm").map(c -> c.blockNumber() < last).orElse(true), "the cursor did not pass it");
        drain(watcher);
        assertEquals(List.of(1L, 2L), createdIds(sink), "the last block's purchase arrives on a later poll");
        assertEquals(last, sink.cursor("evm").orElseThrow().blockNumber());
    }

    @Test
    void anUndecodableLogOfOurContractHaltsTheWatcher() throws Exception {
        buy(1);
        ChainReader real = ChainReader.of(anvil.web3j());
        ChainReader garbling = new ForwardingReader(real) {
            @Override
            public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                    throws ChainUnavailableException, RangeTooLargeException {
                List<Log> logs = new ArrayList<>();
                for (Log log : real.logs(addresses, topics, from, to)) {
                    if (log.getTopics().get(0).equals(LogDecoder.SUBSCRIPTION_CREATED)) {
                        log.setTopics(log.getTopics().subList(0, 3)); // one indexed value missing
                    }
                    logs.add(log);
                }
                return logs;
            }
        };
        MemorySink sink = new MemorySink();
        List<String> alerts = new ArrayList<>();
        ChainWatcher watcher = watcher(garbling, sink, 0, 1000).onHalt(alerts::add);
        assertThrows(ChainUnavailableException.class, () -> drain(watcher));
        assertTrue(watcher.halted().isPresent());
        assertEquals(1, alerts.size(), "one alert");
        assertTrue(sink.cursor("evm").isEmpty(), "the cursor did not advance: " + sink.cursor("evm"));
        assertEquals(List.of(), sink.events);
        ChainUnavailableException again = assertThrows(ChainUnavailableException.class, watcher::poll);
        assertTrue(again.getMessage().contains("halted"), again.getMessage());
        assertEquals(1, alerts.size());
    }

    @Test
    void aRateLimitIsNotARangeError() {
        for (String m : List.of("rate limit exceeded", "Too Many Requests", "HTTP 429", "exceeded 25 requests per second")) {
            assertFalse(ChainReader.Rpc.isRangeError(m), m);
        }
        for (String m : List.of("query returned more than 10000 results", "block range too large",
                "exceed maximum block range: 2000", "Log response size exceeded")) {
            assertTrue(ChainReader.Rpc.isRangeError(m), m);
        }
    }
}
