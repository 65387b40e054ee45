package org.blockhost.provisioner.proxmox.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.blockhost.provisioner.proxmox.internal.SimHarness;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockhost proxmox check}: connection, nodes, and the token's missing privileges per path. */
class ProxmoxCommandTest {
    @TempDir
    Path dir;
    SimHarness sim;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimHarness(dir);
    }

    @AfterEach
    void tearDown() {
        assertEquals(List.of(), sim.server.violations());
        sim.close();
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCompleteTokenPasses() {
        assertEquals(0, new ProxmoxCommand(sim.settings()).run(out, false, "check"));
        assertTrue(text().contains("nodes online: pve1, pve2") && text().contains("token privileges: complete"), text());
    }

    @Test
    void missingPrivilegesAreListedPerPath() {
        sim.server.cluster.withheld.add("/pool/blockhost VM.GuestAgent.Unrestricted");
        sim.server.cluster.withheld.add("/storage/local Datastore.AllocateTemplate");
        assertEquals(1, new ProxmoxCommand(sim.settings()).run(out, true, "check"));
        assertTrue(text().contains("\"/pool/blockhost\":[\"VM.GuestAgent.Unrestricted\"]")
                && text().contains("\"/storage/local\":[\"Datastore.AllocateTemplate\"]"), text());
    }

    @Test
    void aRefusedTokenIsOneLineWithoutTheSecret() {
        sim.server.expireToken();
        assertEquals(1, new ProxmoxCommand(sim.settings()).run(out, false, "check"));
        assertTrue(text().startsWith("proxmox check failed: GET /cluster/resources: HTTP 401"), text());
        assertFalse(text().contains(PveTestServer.SECRET));
        assertEquals(2, new ProxmoxCommand(sim.settings()).run(out, false, "wrong"));
    }
}
