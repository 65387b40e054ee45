package org.blockhost.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.console.api.PipelineStatus;
import org.blockhost.console.api.VmRegistry;
import org.blockhost.core.internal.store.PurchaseTransactions;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.EventOrigin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The public purchase state: the stage, never the internal parked reason, owner or address. */
class PurchaseServletTest {
    private static final String SECRET_REASON = "provisioner failed: /var/lib/blockhost/vms/x: permission denied";

    private final PipelineStatus pipeline = () -> List.of(
            new PipelineStatus.Entry(3, "vm_created", 0, "", Instant.now()),
            new PipelineStatus.Entry(4, "received", 8, SECRET_REASON, Instant.now()));
    private final VmRegistry vms = new VmRegistry() {
        @Override
        public List<VmRecord> list() {
            return List.of(new VmRecord("blockhost-002", 2, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                    Optional.of(1L), "active", Instant.now(), false),
                    new VmRecord("blockhost-005", 5, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                    Optional.of(2L), "active", Instant.now(), false, 1, Optional.of(Instant.now())));
        }

        @Override
        public Optional<VmRecord> find(String name) {
            return list().stream().filter(v -> v.name().equals(name)).findFirst();
        }
    };
    @TempDir
    Path dir;
    private Harness store;
    private PurchaseServlet servlet;

    @BeforeEach
    void openStore() {
        store = new Harness(dir, Duration.ofSeconds(1));
        servlet = new PurchaseServlet(pipeline, vms, new PurchaseTransactions(store.db));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void stagesComeFromThePipelineThenTheVmRegistry() {
        assertEquals("vm_created", servlet.state(3).orElseThrow().get("stage"));
        Map<String, Object> active = servlet.state(2).orElseThrow();
        assertEquals("active", active.get("stage"));
        assertEquals(false, active.get("parked"));
        assertFalse(servlet.state(99).isPresent(), "unknown purchases are not invented");
    }

    @Test
    void readyOnlyOnceTheGuestReportedItsFirstBoot() {
        assertEquals(false, servlet.state(2).orElseThrow().get("ready"), "active on chain, guest still booting");
        assertEquals(false, servlet.state(3).orElseThrow().get("ready"), "in the pipeline");
        assertEquals(true, servlet.state(5).orElseThrow().get("ready"));
        assertFalse(servlet.state(5).orElseThrow().containsKey("typicalBootSeconds"), "no boot statistics without the store");
    }

    @Test
    void aParkedPurchaseShowsOnlyTheSafeReasonAndNoOwner() {
        Map<String, Object> parked = servlet.state(4).orElseThrow();
        assertEquals(true, parked.get("parked"));
        assertEquals(PurchaseServlet.PARKED_REASON, parked.get("reason"));
        String all = parked.toString() + servlet.state(2).orElseThrow();
        assertFalse(all.contains("permission") || all.contains("/var/lib"), all);
        assertFalse(all.toLowerCase().contains("0x70997970"), "no owner wallet: " + all);
        assertTrue(parked.keySet().containsAll(List.of("subscriptionId", "stage", "parked", "reason")));
    }

    @Test
    void aTransactionNamesItsPurchaseForAnyEngine() throws Exception {
        String opnetTx = "ab".repeat(32);
        store.inbox.commit("fake", List.of(new ChainEvent.SubscriptionCreated(3, 1, Harness.BUYER,
                Instant.parse("2030-01-01T00:00:00Z"), Harness.KEY, new EventOrigin(10, "b10", opnetTx, 0))),
                new ChainCursor(10, "b10"));
        assertTrue(get("/tx/" + opnetTx).startsWith("200 ") && get("/tx/" + opnetTx).contains("\"stage\" : \"vm_created\""),
                get("/tx/" + opnetTx));
        assertTrue(get("/tx/" + opnetTx).contains("\"subscriptionId\" : 3"), "the page learns the subscription");
        assertTrue(get("/tx/0x" + opnetTx.toUpperCase()).startsWith("200 "), "EVM form, any case");
        assertTrue(get("/tx/" + "cd".repeat(32)).startsWith("404 ") && get("/tx/" + "cd".repeat(32)).contains("not seen on chain yet"));
        for (String bad : List.of("/tx/" + "ab".repeat(31), "/tx/" + opnetTx + "00", "/tx/" + "zz".repeat(32), "/tx/", "/3x")) {
            assertTrue(get(bad).startsWith("404 ") && get(bad).contains("no such purchase"), bad + ": " + get(bad));
        }
        assertTrue(get("/3").contains("\"stage\" : \"vm_created\""), "by id as before");
    }

    /** "status body" of a GET with this path info. */
    private String get(String pathInfo) throws Exception {
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> m.getName().equals("getPathInfo") ? pathInfo : null);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] status = new int[1];
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    if (m.getName().equals("setStatus")) {
                        status[0] = (Integer) a[0];
                    }
                    return m.getName().equals("getOutputStream") ? out : null;
                });
        servlet.doGet(req, resp);
        return status[0] + " " + body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
