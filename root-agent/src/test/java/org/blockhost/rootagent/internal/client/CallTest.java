package org.blockhost.rootagent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell entry point (first boot): a call's result on stdout and exit 0; a refused call exit 1; bad usage exit 2. */
class CallTest {
    @TempDir
    Path dir;

    private int call(List<String> out, String... args) throws Exception {
        String cp = System.getProperty("blockhost.test.classes") + ":"
                + Files.readString(Path.of(System.getProperty("blockhost.test.classpath.file"))).strip();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                Call.class.getName()));
        cmd.addAll(List.of(args));
        return TestSupport.run(out, cmd.toArray(String[]::new));
    }

    @Test
    void callsTheRunningAgent() throws Exception {
        assumeTrue(TestSupport.isRoot(), "the agent serves uid 0 and its --user");
        try (Daemon d = TestSupport.startInJvm(dir)) {
            String sock = dir.resolve("agent.sock").toString();
            List<String> out = new ArrayList<>();
            assertEquals(0, call(out, "--socket", sock, "ping", "{}"), out.toString());
            assertTrue(out.get(0).contains("\"pong\":true"), out.toString());
            out.clear();
            assertEquals(1, call(out, "--socket", sock, "host-bridge-create", "{\"bridge\":\"eth0\",\"uplink\":\"x\"}"));
            assertTrue(out.get(0).contains("bridge"), out.toString());
            assertEquals(2, call(new ArrayList<>(), "--socket", sock, "ping"));
            assertEquals(2, call(new ArrayList<>(), "--socket", sock, "ping", "[1]"));
        }
    }
}
