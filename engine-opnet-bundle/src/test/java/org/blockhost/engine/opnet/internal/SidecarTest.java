package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;

/** The supervisor against a scripted process: ids, answers, timeouts, exits, restarts with back-off. */
class SidecarTest {
    private static final String WALLET = "\"ok\":true,\"address\":\"0x" + "ab".repeat(32) + "\",\"p2tr\":\"bcrt1pxyz\"";
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static ObjectNode init() {
        return JsonNodeFactory.instance.objectNode().put("op", "init").put("keyFile", "/etc/blockhost/keys/opnet-host.key");
    }

    private static ObjectNode op(String name) {
        return JsonNodeFactory.instance.objectNode().put("op", name);
    }

    /** init answers the wallet; other ops go to {@code ops}. */
    private static Function<JsonNode, List<String>> script(Function<JsonNode, List<String>> ops) {
        return req -> req.get("op").asText().equals("init") ? List.of(FakeSidecar.answer(req, WALLET)) : ops.apply(req);
    }

    private Sidecar sidecar(FakeSidecar fake, long timeoutMs) {
        return new Sidecar(fake, init(), Duration.ofMillis(timeoutMs), now::get);
    }

    @Test
    void initFirstThenAnswersMatchedByIdSkippingOthers() throws Exception {
        FakeSidecar fake = new FakeSidecar(script(req -> List.of("{\"id\":999,\"ok\":true}",
                FakeSidecar.answer(req, "\"ok\":true,\"txid\":\"" + "1f".repeat(32) + "\""))));
        try (Sidecar sidecar = sidecar(fake, 5000)) {
            assertEquals("0x" + "ab".repeat(32), sidecar.wallet().get("address").asText());
            JsonNode answer = sidecar.request(op("withdraw"));
            assertEquals("1f".repeat(32), answer.get("txid").asText());
            assertEquals("init", fake.requests.get(0).get("op").asText());
            assertEquals("/etc/blockhost/keys/opnet-host.key", fake.requests.get(0).get("keyFile").asText());
            assertEquals(List.of(1L, 2L), fake.requests.stream().map(r -> r.get("id").asLong()).toList());
            assertEquals(1, fake.started.size(), "one process for both requests");
        }
    }

    @Test
    void rejectedIsARefusalUnavailableAndInvalidAreNot() throws Exception {
        FakeSidecar fake = new FakeSidecar(script(req -> List.of(FakeSidecar.answer(req, switch (req.get("op").asText()) {
            case "mint" -> "\"ok\":false,\"rejected\":\"AlreadyMinted\"";
            case "markDestroyed" -> "\"ok\":false,\"unavailable\":\"fetch failed\"";
            default -> "\"ok\":false,\"invalid\":\"unknown op\"";
        }))));
        try (Sidecar sidecar = sidecar(fake, 5000)) {
            ChainRejectedException rejected = assertThrows(ChainRejectedException.class, () -> sidecar.request(op("mint")));
            assertEquals("AlreadyMinted", rejected.reason());
            ChainUnavailableException down = assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("markDestroyed")));
            assertFalse(down instanceof ChainRejectedException);
            assertTrue(down.getMessage().contains("fetch failed"));
            ChainUnavailableException bad = assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("x")));
            assertFalse(bad instanceof ChainRejectedException);
            assertEquals(1, fake.started.size(), "answers with a reason keep the process");
        }
    }

    @Test
    void noAnswerInTimeIsUnavailableKillsTheProcessAndRestartsAfterBackoff() throws Exception {
        FakeSidecar fake = new FakeSidecar(script(req -> req.get("op").asText().equals("slow") ? List.of()
                : List.of(FakeSidecar.answer(req, "\"ok\":true,\"sats\":\"5\""))));
        try (Sidecar sidecar = sidecar(fake, 200)) {
            ChainUnavailableException e = assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("slow")));
            assertTrue(e.getMessage().contains("did not answer slow"), e.getMessage());
            assertTrue(fake.started.get(0).destroyed);
            assertTrue(assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")))
                    .getMessage().contains("back-off"));
            assertEquals(1, fake.started.size(), "no restart inside the back-off");
            now.addAndGet(1_000);
            assertEquals("5", sidecar.request(op("balance")).get("sats").asText());
            assertEquals(2, fake.started.size());
            assertEquals("init", fake.requests.get(fake.requests.size() - 2).get("op").asText(), "init again after a restart");
        }
    }

    @Test
    void exitsAreRestartedWithADoublingBackoff() throws Exception {
        FakeSidecar fake = new FakeSidecar(script(req -> null));
        try (Sidecar sidecar = sidecar(fake, 5000)) {
            assertTrue(assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")))
                    .getMessage().contains("exited during balance"));
            now.addAndGet(999);
            assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")));
            assertEquals(1, fake.started.size());
            now.addAndGet(1);
            assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")));
            assertEquals(2, fake.started.size());
            now.addAndGet(1_999);
            assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")));
            assertEquals(2, fake.started.size(), "second back-off is 2 s");
            now.addAndGet(1);
            assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")));
            assertEquals(3, fake.started.size());
        }
    }

    @Test
    void brokenProtocolAndStartFailuresAreUnavailable() throws Exception {
        FakeSidecar fake = new FakeSidecar(script(req -> switch (req.get("op").asText()) {
            case "long" -> List.of("{\"id\":" + req.get("id") + ",\"ok\":true,\"x\":\"" + "a".repeat(Sidecar.MAX_LINE) + "\"}");
            case "garbage" -> List.of("not json");
            default -> List.of(FakeSidecar.answer(req, "\"ok\":true"));
        }));
        try (Sidecar sidecar = sidecar(fake, 5000)) {
            assertInstanceOf(ChainUnavailableException.class, assertThrows(ChainUnavailableException.class,
                    () -> sidecar.request(op("long"))));
            now.addAndGet(60_000);
            assertTrue(assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("garbage")))
                    .getMessage().contains("not a JSON object"));
            assertEquals(2, fake.started.size());
        }
        Sidecar broken = new Sidecar(() -> {
            throw new IOException("OPNet sidecar not installed");
        }, init(), Duration.ofSeconds(1), now::get);
        assertTrue(assertThrows(ChainUnavailableException.class, () -> broken.request(op("balance")))
                .getMessage().contains("not installed"));
    }

    @Test
    void aRefusedInitIsRetriedWithANewProcess() throws Exception {
        FakeSidecar fake = new FakeSidecar(req -> List.of(FakeSidecar.answer(req,
                "\"ok\":false,\"invalid\":\"key file is accessible by others (mode must deny \\\"other\\\")\"")));
        try (Sidecar sidecar = sidecar(fake, 5000)) {
            assertTrue(assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")))
                    .getMessage().contains("accessible by others"));
            assertTrue(fake.started.get(0).destroyed, "no request goes to a process that refused init");
            now.addAndGet(1_000);
            assertThrows(ChainUnavailableException.class, () -> sidecar.request(op("balance")));
            assertEquals(2, fake.started.size());
            assertTrue(fake.requests.stream().allMatch(r -> r.get("op").asText().equals("init")));
        }
    }

    @Test
    void stderrIsClippedToOnePrintableLine() {
        assertEquals("a b", Sidecar.clip("a\u0007b"));
        assertEquals(301, Sidecar.clip("x".repeat(1000)).length());
    }
}
