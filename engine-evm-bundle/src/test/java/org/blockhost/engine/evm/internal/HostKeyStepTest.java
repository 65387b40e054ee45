package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blockhost.installer.api.StepException;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;

class HostKeyStepTest {
    @TempDir
    Path dir;

    /** Stands in for the root agent: writes {@code <keys>/<name>.key} 0640 like key-write does. */
    final class FakeAgent implements RootAgent {
        final List<Map<String, Object>> calls = new ArrayList<>();

        @Override
        public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
            calls.add(params);
            assertEquals("key-write", action);
            try {
                Path keys = Files.createDirectories(dir.resolve("agent-keys"));
                Path file = keys.resolve(params.get("name") + ".key");
                Files.writeString(file, (String) params.get("content"));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
                return Map.of("path", file.toString());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void devModeWritesA0600KeyFileOnceAndPublishesTheAddress() throws Exception {
        MapContext context = new MapContext(dir, true);
        HostKeyStep step = new HostKeyStep(null);
        assertFalse(step.isComplete(context));
        step.run(context);
        Path file = dir.resolve("conf/keys/evm-host.key");
        assertEquals(file.toString(), context.published.get(SetupChain.HOST_KEY_FILE));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String address = Keys.toChecksumAddress(HostKeyFile.read(file).getAddress());
        assertEquals(address, context.published.get(HostKeyStep.HOST_ADDRESS));
        String content = Files.readString(file);
        step.run(context);
        assertEquals(content, Files.readString(file), "an existing key is kept");
        assertTrue(step.isComplete(new MapContext(dir, true)), "found again without published values");
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temp file left behind");
        }
    }

    @Test
    void productionWritesThroughTheRootAgent() throws Exception {
        FakeAgent agent = new FakeAgent();
        MapContext context = new MapContext(dir, false);
        HostKeyStep step = new HostKeyStep(agent);
        assertFalse(step.isComplete(context));
        step.run(context);
        assertEquals(1, agent.calls.size());
        Map<String, Object> params = agent.calls.get(0);
        assertEquals("evm-host", params.get("name"));
        assertEquals(false, params.get("overwrite"));
        assertTrue(((String) params.get("content")).matches("[0-9a-f]{64}\n"));
        Path file = dir.resolve("agent-keys/evm-host.key");
        assertEquals(file.toString(), context.published.get(SetupChain.HOST_KEY_FILE));
        assertTrue(step.isComplete(context));
        step.run(context);
        assertEquals(1, agent.calls.size(), "no second key");
        String key = ((String) params.get("content")).trim();
        assertFalse(context.published.values().stream().anyMatch(v -> v.contains(key)), "key never published");
    }

    @Test
    void productionWithoutRootAgentFails() {
        assertThrows(StepException.class, () -> new HostKeyStep(null).run(new MapContext(dir, false)));
    }

    @Test
    void anInvalidExistingKeyFileIsRefusedAndKept() throws Exception {
        Path file = Files.createDirectories(dir.resolve("conf/keys")).resolve("evm-host.key");
        Files.writeString(file, "not a key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        MapContext context = new MapContext(dir, true);
        HostKeyStep step = new HostKeyStep(null);
        assertFalse(step.isComplete(context));
        StepException e = assertThrows(StepException.class, () -> step.run(context));
        assertTrue(e.getMessage().contains("never replaced"));
        assertEquals("not a key", Files.readString(file));
        assertNull(context.published.get(HostKeyStep.HOST_ADDRESS));
    }

    @Test
    void generatedKeysAreDistinctValidHex() {
        String a = new String(HostKeyCreator.newKeyHex());
        String b = new String(HostKeyCreator.newKeyHex());
        assertTrue(a.matches("[0-9a-f]{64}"));
        assertFalse(a.equals(b));
    }
}
