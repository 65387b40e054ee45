package org.blockhost.provisioner.proxmox.internal.pve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.proxmox.internal.SimHarness;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.blockhost.provisioner.proxmox.internal.sim.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client on the PVE double: token auth, TLS by CA or pin, errors, UPID task polling. */
class PveClientTest {
    @TempDir
    static Path dir;
    static SimHarness sim;

    @BeforeAll
    static void setUp() throws Exception {
        sim = new SimHarness(dir);
    }

    @AfterAll
    static void tearDown() {
        sim.close();
    }

    static PveClient client(PveTls tls) throws Exception {
        return new PveClient(URI.create(sim.server.url()), ApiToken.fromKeyFile(PveTestServer.TOKEN_ID, sim.keyFile), tls, 5000);
    }

    @Test
    void clusterCaIsTrustedAndTheTokenSentInItsHeader() throws Exception {
        JsonNode r = client(PveTls.ca(sim.caFile)).get("/cluster/resources", Params.of().add("type", "node"));
        assertTrue(r.isArray() && r.size() > 0);
        assertEquals("PVEAPIToken=" + PveTestServer.TOKEN_ID + "=" + PveTestServer.SECRET,
                sim.server.authHeaders().get(sim.server.authHeaders().size() - 1));
    }

    @Test
    void anotherCaIsRefused() throws Exception {
        Path other = new TestPki("Someone Else").writeCa(dir.resolve("other-ca.pem"));
        PveException e = assertThrows(PveException.class, () -> client(PveTls.ca(other)).get("/cluster/resources", Params.of()));
        assertEquals(0, e.status());
        assertTrue(e.retryable());
    }

    @Test
    void pinnedFingerprintIsTrustedAndAWrongOneRefused() throws Exception {
        String pin = PveTls.fingerprintOf(sim.server.pki.server);
        assertTrue(client(PveTls.pinned(pin)).get("/cluster/resources", Params.of()).isArray());
        assertTrue(client(PveTls.pinned(pin.replace(":", "").toLowerCase())).get("/cluster/resources", Params.of()).isArray());
        String caPin = PveTls.fingerprintOf(sim.server.pki.ca);
        assertThrows(PveException.class, () -> client(PveTls.pinned(caPin)).get("/cluster/resources", Params.of()),
                "only the server's own certificate is pinned");
        assertThrows(IllegalArgumentException.class, () -> PveTls.pinned("AB:CD"));
    }

    @Test
    void theSecretIsNeverInAnErrorOrToString() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.key"), "not a secret!\n");
        IOException e = assertThrows(IOException.class, () -> ApiToken.fromKeyFile(PveTestServer.TOKEN_ID, bad));
        assertFalse(e.getMessage().contains("not a secret"), e.getMessage());
        ApiToken t = ApiToken.fromKeyFile(PveTestServer.TOKEN_ID, sim.keyFile);
        assertFalse(t.toString().contains(PveTestServer.SECRET));
        assertThrows(IllegalArgumentException.class, () -> ApiToken.fromKeyFile("root", sim.keyFile));
    }

    @Test
    void aWrongSecretIsUnauthorisedAndNotRetryable() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "00000000-0000-0000-0000-000000000000");
        PveClient c = new PveClient(URI.create(sim.server.url()), ApiToken.fromKeyFile(PveTestServer.TOKEN_ID, wrong),
                PveTls.ca(sim.caFile), 5000);
        PveException e = assertThrows(PveException.class, () -> c.get("/cluster/resources", Params.of()));
        assertTrue(e.unauthorized());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("00000000-0000"), e.getMessage());
    }

    @Test
    void serverErrorsAreRetryableAndCarryPvesMessage() throws Exception {
        sim.server.failNext(503, 1);
        PveException e = assertThrows(PveException.class, () -> client(PveTls.ca(sim.caFile)).get("/cluster/resources", Params.of()));
        assertEquals(503, e.status());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
    }

    @Test
    void parameterErrorsNameTheParameter() throws Exception {
        PveException e = assertThrows(PveException.class, () -> client(PveTls.ca(sim.caFile))
                .get("/cluster/resources", Params.of().add("type", "vms")));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("type: value 'vms' does not have a value in the enumeration"), e.getMessage());
        assertFalse(e.retryable());
        sim.server.clearViolations();
    }

    @Test
    void aTaskIsPolledToItsEndAndAFailureCarriesTheLogTail() throws Exception {
        PveClient c = client(PveTls.ca(sim.caFile));
        Tasks tasks = new Tasks(c, Duration.ofSeconds(10), Duration.ofMillis(20));
        sim.server.cluster.runningPolls = 3;
        String ok = c.post("/nodes/pve1/qemu/9000/clone", Params.of().add("newid", 777).add("name", "t1")
                .add("full", false)).asText();
        assertEquals("pve1", Tasks.nodeOf(ok));
        tasks.await(ok);
        long polls = sim.server.requests().stream().filter(r -> r.contains("/tasks/") && r.endsWith("/status")).count();
        assertTrue(polls >= 4, "polled until stopped: " + polls);
        sim.server.cluster.failNextTask("qmclone", "can't allocate volume", List.of("line a", "allocation failed: out of space"));
        String bad = c.post("/nodes/pve1/qemu/9000/clone", Params.of().add("newid", 778).add("full", false)).asText();
        PveException e = assertThrows(PveException.class, () -> tasks.await(bad));
        assertTrue(e.getMessage().contains("can't allocate volume") && e.getMessage().contains("out of space"), e.getMessage());
        sim.server.cluster.runningPolls = 1;
        c.delete("/nodes/pve1/qemu/777", Params.of().add("purge", true));
    }

    @Test
    void aTaskThatDoesNotEndInTimeIsRetryable() throws Exception {
        PveClient c = client(PveTls.ca(sim.caFile));
        sim.server.cluster.runningPolls = 1000;
        try {
            String upid = c.post("/nodes/pve2/qemu/9001/clone", Params.of().add("newid", 779).add("full", false)).asText();
            PveException e = assertThrows(PveException.class,
                    () -> new Tasks(c, Duration.ofMillis(300), Duration.ofMillis(20)).await(upid));
            assertTrue(e.retryable() && e.getMessage().contains("still running"), e.getMessage());
        } finally {
            sim.server.cluster.runningPolls = 1;
        }
    }

    @Test
    void theSecretTravelsOnlyInTheAuthorizationHeader() throws Exception {
        client(PveTls.ca(sim.caFile)).get("/cluster/resources", Params.of());
        assertFalse(sim.server.requests().isEmpty());
        sim.server.requests().forEach(r -> assertFalse(r.contains(PveTestServer.SECRET), r));
    }

    @Test
    void malformedTaskIdsAreRefused() {
        assertThrows(PveException.class, () -> Tasks.nodeOf("UPID:../../x"));
        assertThrows(PveException.class, () -> Tasks.nodeOf(null));
    }
}
