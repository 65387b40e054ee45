package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.InvalidSignatureException;
import org.junit.jupiter.api.Test;

class OpnetEngineTest {
    private static final String HOST = "0x" + "4e".repeat(32);

    static OpnetConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("subscriptionsAddress", Events.SUBS, "credentialAddress",
                Events.CRED, "hostAddress", HOST, "devMode", true, "pollIntervalMs", 20L, "confirmations", 0));
        v.putAll(values);
        return (OpnetConfig) Proxy.newProxyInstance(OpnetConfig.class.getClassLoader(), new Class<?>[] {OpnetConfig.class},
                (proxy, method, args) -> {
                    Object value = v.containsKey(method.getName()) ? v.get(method.getName()) : method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException("no value for " + method.getName());
                    }
                    return value;
                });
    }

    @Test
    void watchesHeadsAndSignsInLikeTheSpiSays() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mine(List.of(VmRecording.VM.tx("main", "buy 1").block())); // the VM's purchase of subscription 1
            node.mineEmpty(9);
            MemorySink sink = new MemorySink();
            OpnetEngine engine = new OpnetEngine(sink, config(Map.of("rpcUrl", node.url().toString(), "subscriptionsAddress",
                    VmRecording.VM.subscriptions(), "credentialAddress", VmRecording.VM.credential())), -1);
            try {
                ChainHead head = engine.head();
                assertEquals(10, head.number());
                assertEquals(4, head.finalizedNumber());
                assertEquals(Instant.ofEpochSecond(1_700_006_000L), head.timestamp());
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (sink.cursor("opnet").map(c -> c.blockNumber() < 10).orElse(true) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(10, sink.cursor("opnet").orElseThrow().blockNumber(), "the watcher thread caught up");
                assertEquals(1, ((org.blockhost.engine.api.ChainEvent.SubscriptionCreated) sink.events.get(0)).subscriptionId());

                assertEquals("opnet", engine.id());
                assertEquals(HOST, engine.treasury().address());
                assertEquals(HOST, engine.addressFormat().normalise(HOST.toUpperCase().replace("0X", "0x")));
                String[] signed = OpnetSignInTest.mlDsaSign(44, "hello");
                assertEquals(signed[1], engine.recoverSigner("hello", signed[0]));
                InvalidSignatureException schnorr = assertThrows(InvalidSignatureException.class,
                        () -> engine.recoverSigner("hello", "schnorr:" + "11".repeat(32) + ":" + "22".repeat(64)));
                assertTrue(schnorr.getMessage().contains("ML-DSA"));
                ChainUnavailableException mint = assertThrows(ChainUnavailableException.class,
                        () -> engine.credentials().mint(7, Events.BUYER, new byte[1]));
                assertFalse(mint instanceof ChainRejectedException, "unknown, never a refusal");
            } finally {
                engine.deactivate();
            }
            int before = node.requests();
            Thread.sleep(200);
            assertEquals(before, node.requests(), "the watcher thread stopped");
        }
    }

    @Test
    void badConfigurationIsRefusedAtActivation() {
        MemorySink sink = new MemorySink();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("rpcUrl", "http://node.example/", "devMode", false),
                Map.of("rpcUrl", "https://127.0.0.1:9001/", "devMode", false),
                Map.of("rpcUrl", "https://user:pw@node.example/"),
                Map.of("rpcUrl", "ftp://node.example/"),
                Map.of("rpcUrl", "http://127.0.0.1:1/", "subscriptionsAddress", "bc1pxyz"),
                Map.of("rpcUrl", "http://127.0.0.1:1/", "hostAddress", "0x1234"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new OpnetEngine(sink, config(bad), -1), bad.toString());
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
        }
    }

    /** The DS descriptor bnd generated: an Engine service with org.blockhost.engine.id=opnet, configuration required. */
    @Test
    void componentIsAnEngineNamedOpnet() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/" + OpnetEngine.class.getName() + ".xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("name=\"org.blockhost.engine.id\"") && xml.contains("value=\"opnet\""), xml);
            assertTrue(xml.contains("interface=\"org.blockhost.engine.api.Engine\""), xml);
            assertTrue(xml.contains("configuration-policy=\"require\"") && xml.contains("configuration-pid=\"" + OpnetEngine.PID + "\""), xml);
        }
    }
}
