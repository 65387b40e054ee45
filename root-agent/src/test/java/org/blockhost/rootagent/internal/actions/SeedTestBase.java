package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** seed-create through the in-process agent: a dev tree, the seed's path, base parameters, ISO reads. */
abstract class SeedTestBase {
    @TempDir
    Path dir;
    InProcessAgent agent;
    Path iso;

    @BeforeEach
    void start() throws Exception {
        agent = new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null));
        iso = Files.createDirectories(dir.resolve("var/lib/blockhost/vms")).resolve("blockhost-001-seed.iso");
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    Map<String, Object> base() {
        return new HashMap<>(Map.of("output", iso.toString(), "hostname", "blockhost-001",
                "instance_id", "bh-001", "user", "admin", "engine", "evm",
                "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7"));
    }

    /** A file of the seed ISO read back with isoinfo (empty when it is not there). */
    String isoFile(String name) throws Exception {
        Process pr = new ProcessBuilder("isoinfo", "-R", "-i", iso.toString(), "-x", name).redirectErrorStream(true).start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(30, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }
}
