package org.blockhost.provisioner.proxmox.internal.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.blockhost.provisioner.proxmox.internal.SimHarness;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.blockhost.provisioner.proxmox.internal.wizard.ConfigStoreDouble;
import org.blockhost.provisioner.proxmox.internal.wizard.ProxmoxForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The finalization step against the PVE double: answers checked as the page does, token check, template import with progress. */
class ProxmoxSetupStepTest {
    @TempDir
    Path dir;
    SimHarness sim;
    ConfigStoreDouble store;
    ProxmoxSetupStep step;
    Ctx ctx;
    String sha;

    /** The runner's context: answers in, published values out (every publish kept in order). */
    static final class Ctx implements FinalizationContext {
        final Map<String, String> answers = new HashMap<>();
        final Map<String, String> published = new HashMap<>();
        final List<String> progress = new ArrayList<>();

        @Override public Optional<String> answer(String key) { return Optional.ofNullable(answers.get(key)); }
        @Override public Optional<String> published(String key) { return Optional.ofNullable(published.get(key)); }
        @Override public Path stateDirectory() { return Path.of("/nonexistent"); }
        @Override public Path configDirectory() { return Path.of("/nonexistent"); }
        @Override public boolean devMode() { return false; }

        @Override
        public void publish(String key, String value) {
            published.put(key, value);
            if (key.equals(TemplateSetup.PROGRESS)) {
                progress.add(value);
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimHarness(dir);
        sim.server.cluster.runningPolls = 3; // the import task runs for a few polls, logging its progress
        store = ConfigStoreDouble.empty();
        store.props.put("templateImageDir", dir.resolve("templates").toString());
        step = new ProxmoxSetupStep(store);
        ctx = new Ctx();
        ctx.answers.putAll(Map.of(ProxmoxForm.API_URL, sim.server.url(), ProxmoxForm.TOKEN_ID, PveTestServer.TOKEN_ID,
                ProxmoxForm.SECRET_FILE, sim.keyFile.toString(), ProxmoxForm.TLS, sim.caFile.toString(), ProxmoxForm.NODE, "all",
                ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr0", ProxmoxSetupStep.TEMPLATE, "debian-13"));
        Path images = Files.createDirectories(dir.resolve("templates"));
        byte[] image = "QFI\u00fb a template image".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(images.resolve("debian-13-0123456789abcdef.qcow2"), image);
        Files.writeString(images.resolve("debian-13.current"), "debian-13-0123456789abcdef.qcow2\n");
        sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(image));
    }

    @AfterEach
    void tearDown() {
        assertEquals(List.of(), sim.server.violations());
        sim.close();
    }

    @Test
    void checksTheTokenStoresTheSettingsAndImportsTheTemplateWithProgress() throws Exception {
        assertFalse(step.isComplete(ctx));
        step.run(ctx);
        assertEquals(sim.server.url(), store.props.get("apiUrl"));
        assertEquals(sim.caFile.toString(), store.props.get("caFile"));
        assertEquals("", store.props.get("fingerprint"));
        assertArrayEquals(new String[0], (String[]) store.props.get("nodes"));
        assertEquals(sha, ctx.published.get(TemplateSetup.SHA256));
        assertTrue(ctx.published.get(TemplateSetup.IDS).matches("pve1:[0-9]+ pve2:[0-9]+"), ctx.published.toString());
        for (String p : List.of("pve1: upload 0%", "pve1: import 25%", "pve1: import 50%", "pve1: convert 100%", "pve2: import 25%",
                "done")) {
            assertTrue(ctx.progress.contains(p), p + " in " + ctx.progress);
        }
        assertTrue(ctx.progress.indexOf("pve1: import 25%") < ctx.progress.indexOf("pve1: import 50%"), ctx.progress.toString());
        assertTrue(step.isComplete(ctx), "recorded templates found again");

        int uploads = sim.server.requests().size();
        step.run(ctx); // a retry records the templates without importing again
        assertTrue(sim.server.requests().subList(uploads, sim.server.requests().size()).stream().noneMatch(r -> r.contains("upload")));
    }

    @Test
    void aMissingPrivilegeFailsTheStepAndStoresNothing() {
        sim.server.cluster.withheld.add("/storage/local Datastore.AllocateTemplate");
        StepException e = assertThrows(StepException.class, () -> step.run(ctx));
        assertEquals("the API token lacks privileges: /storage/local: Datastore.AllocateTemplate", e.getMessage());
        assertEquals(0, store.merges);
    }

    @Test
    void answersAreRefusedAsThePageRefusesThem() {
        assertEquals(Optional.of("field 'proxmox.api_url': API URL must look like https://pve.example.net:8006"),
                step.problem(ProxmoxForm.API_URL, "http://pve:8006"));
        assertEquals(ProxmoxForm.problem(ProxmoxForm.TLS, "AB:CD").map(m -> "field 'proxmox.tls': " + m), step.problem(ProxmoxForm.TLS, "AB:CD"));
        assertEquals(Optional.empty(), step.problem(ProxmoxForm.TLS, "AB".repeat(32)));
        assertTrue(step.problem(ProxmoxSetupStep.TEMPLATE, "Debian 12!").isPresent());
        ctx.answers.put(ProxmoxForm.BRIDGE, "vmbr9");
        StepException e = assertThrows(StepException.class, () -> step.run(ctx));
        assertEquals("bridge vmbr9 is not on the chosen node(s)", e.getMessage());
    }

    @Test
    void anExpiredTokenIsAClearFailureWithoutTheSecret() {
        sim.server.expireToken();
        StepException e = assertThrows(StepException.class, () -> step.run(ctx));
        assertTrue(e.getMessage().contains("the API token was refused"), e.getMessage());
        assertFalse(e.getMessage().contains(PveTestServer.SECRET));
    }
}
