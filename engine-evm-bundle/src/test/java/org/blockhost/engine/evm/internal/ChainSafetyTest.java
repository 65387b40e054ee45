package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Against anvil: lost log answers, the subscription at finality, and the chain id after a reconnect. */
class ChainSafetyTest {
    @TempDir
    Path dir;

    @Test
    void logAnswersLostByAFaultyProxyLoseNoEvent() throws Exception {
        try (Anvil anvil = Anvil.start(); FaultyRpcProxy proxy = new FaultyRpcProxy(anvil.url())) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployForSale();
            Web3j client = Web3j.build(new HttpService(proxy.url()));
            MemorySink sink = new MemorySink();
            ChainWatcher watcher = new ChainWatcher("evm", ChainReader.of(client), sink, d.subscriptions(),
                    d.credential(), new ChainWatcher.Settings(0, 0, 1000, 16));
            try {
                for (int i = 1; i <= 3; i++) {
                    chain.tx(chain.sender(1), d.subscriptions(), "buySubscription", u(1), u(i), TestChain.accessKey(2), TestChain.ANY_PRICE);
                    proxy.dropLogs(1, 200 * (i % 2)); // this step's range answer is lost (sometimes late)
                    while (watcher.poll()) {
                        // catch up
                    }
                }
                assertTrue(proxy.dropped() >= 3, "answers were dropped: " + proxy.dropped());
                assertEquals(List.of(1L, 2L, 3L), sink.events.stream()
                        .filter(e -> e instanceof ChainEvent.SubscriptionCreated)
                        .map(e -> ((ChainEvent.SubscriptionCreated) e).subscriptionId()).toList());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void finalizedSubscriptionIsTheContractsStateAtTheFinalBlock() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployForSale();
            chain.tx(chain.sender(1), d.subscriptions(), "buySubscription", u(1), u(3), TestChain.accessKey(2), TestChain.ANY_PRICE);
            anvil.mine(70);
            EvmEngine engine = new EvmEngine(new MemorySink(), Configs.evm(config(anvil, d)));
            try {
                SubscriptionRecord before = engine.finalizedSubscription(1).orElseThrow();
                assertEquals(Eip55.checksum(address(1)), before.subscriber());
                assertEquals(1L, before.planId());
                assertEquals(false, before.cancelled());
                assertTrue(before.block() <= engine.head().finalizedNumber());
                chain.tx(chain.sender(1), d.subscriptions(), "extendSubscription", u(1), u(5), TestChain.ANY_PRICE);
                assertEquals(before.expiresAt(), engine.finalizedSubscription(1).orElseThrow().expiresAt(),
                        "an extension is not final yet");
                anvil.mine(70);
                Instant extended = engine.finalizedSubscription(1).orElseThrow().expiresAt();
                assertEquals(before.expiresAt().plusSeconds(5 * 86_400), extended);
                assertEquals(Optional.empty(), engine.finalizedSubscription(99));
                assertEquals(Optional.empty(), engine.finalizedSubscription(0));
            } finally {
                engine.deactivate();
            }
            Map<String, Object> c = config(anvil, d);
            c.put("subscriptionsAddress", d.credential()); // another contract: no clean answer
            EvmEngine wrong = new EvmEngine(new MemorySink(), Configs.evm(c));
            try {
                assertThrows(ChainUnavailableException.class, () -> wrong.finalizedSubscription(1));
            } finally {
                wrong.deactivate();
            }
        }
    }

    @Test
    void theChainIdIsCheckedAgainAfterAReconnect() throws Exception {
        Anvil first = Anvil.start();
        int port = first.port();
        TestChain chain = new TestChain(first);
        TestChain.Deployment d = chain.deployForSale();
        EvmEngine engine = new EvmEngine(new MemorySink(), Configs.evm(config(first, d)));
        try {
            assertTrue(engine.head().number() > 0);
            first.close();
            try (Anvil other = Anvil.startOn(port, "--chain-id", "999")) {
                new TestChain(other);
                ChainUnavailableException e = assertThrows(ChainUnavailableException.class, engine::head);
                assertTrue(String.valueOf(e.getCause()).contains("chain 999"), String.valueOf(e.getCause()));
                assertThrows(ChainUnavailableException.class,
                        () -> engine.treasury().send("ETH", address(2), BigInteger.ONE), "no transaction is sent");
                assertEquals(BigInteger.ZERO, other.web3j().ethGetTransactionCount(address(0),
                        org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount());
            }
            try (Anvil back = Anvil.startOn(port)) {
                assertTrue(engine.head().number() >= 0, "the configured chain again: served");
            }
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void anUndecodableLogHaltsTheEngineAndMarksThePluginFailed() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployForSale();
            Map<String, Object> c = config(anvil, d);
            c.put("credentialAddress", d.coin()); // an ERC-20 Transfer (3 topics) where an ERC-721 one is expected
            MemorySink sink = new MemorySink();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            EvmEngine engine = new EvmEngine(sink, Configs.evm(c));
            try {
                engine.bindStatus(new org.blockhost.console.api.PluginStatus() {
                    @Override
                    public List<org.blockhost.console.api.PluginInfo> plugins() {
                        return List.of();
                    }

                    @Override
                    public void reportFailure(long bundleId, String where, Throwable cause) {
                        failures.add(where + ": " + cause.getMessage());
                    }
                });
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (failures.isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "the plugin is reported failed");
                    Thread.sleep(20);
                }
                assertTrue(failures.get(0).startsWith("chain watcher: halted: undecodable log"), failures.toString());
                assertTrue(sink.cursor("evm").isEmpty(), "the cursor stays before the log");
                ChainUnavailableException e = assertThrows(ChainUnavailableException.class, engine::head);
                assertTrue(e.getMessage().contains("halted"), e.getMessage());
                assertThrows(ChainUnavailableException.class, () -> engine.finalizedSubscription(1));
            } finally {
                engine.deactivate();
            }
        }
    }

    private Map<String, Object> config(Anvil anvil, TestChain.Deployment d) throws Exception {
        Map<String, Object> c = new TestChain(anvil).engineConfig(d, dir);
        c.put("newHeadsWebSocket", false);
        return c;
    }
}
