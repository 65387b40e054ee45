package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (root) A real agetty on a pseudo-terminal, as on the serial console, waiting at its prompt: the
 * daemon's console-issue makes it draw the new setup code at once (agetty --reload), and
 * console-issue-clear makes it draw the prompt without one. Before, the getty kept the code of the
 * issue it read at its start (an earlier boot's) until someone pressed a key.
 */
class ConsoleIssueGettyTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void theWaitingGettyShowsEachNewCodeAndTheClear() throws Exception {
        assumeTrue(TestSupport.isRoot() && TestSupport.has("agetty") && TestSupport.has("python3"),
                "a getty on a pseudo-terminal needs root, agetty and python3");
        Path console = dir.resolve("console.log");
        try (Daemon d = TestSupport.startInJvm(dir)) {
            Path sock = dir.resolve("agent.sock");
            assertTrue(TestSupport.call(sock, "console-issue", ConsoleIssueTest.OK).path("ok").asBoolean());
            Process getty = getty(console, dir.resolve("issue.d"));
            try {
                waitFor(console, s -> s.contains("K7M2QX") && s.contains("login: "), "the getty's first prompt with the code");
                JsonNode r = TestSupport.call(sock, "console-issue", Map.of("code", "ABCDEF", "url",
                        "https://203.0.113.5:8443/setup/", "fingerprint", ConsoleIssueTest.FP));
                waitFor(console, s -> s.contains("ABCDEF") && s.lastIndexOf("login: ") > s.indexOf("ABCDEF"),
                        "the new code drawn with a new prompt");
                assertTrue(r.path("result").path("reloaded").asBoolean(), r.toString());
                assertTrue(TestSupport.call(sock, "console-issue-clear", Map.of()).path("result").path("reloaded").asBoolean());
                waitFor(console, s -> {
                    int prompt = s.indexOf("login: ", s.lastIndexOf("ABCDEF"));
                    return prompt >= 0 && s.lastIndexOf("login: ") > prompt && !s.substring(prompt).contains("setup code");
                }, "a prompt without the code after the clear");
            } finally {
                getty.destroy();
                getty.waitFor();
            }
        }
    }

    private Process getty(Path log, Path issueDir) throws Exception {
        Path script = dir.resolve("getty-on-pty.py");
        try (InputStream in = getClass().getResourceAsStream("getty-on-pty.py")) {
            Files.copy(in, script);
        }
        return new ProcessBuilder("python3", script.toString(), log.toString(), issueDir.toString(), "120")
                .redirectErrorStream(true).redirectOutput(dir.resolve("getty-helper.log").toFile()).start();
    }

    private static void waitFor(Path log, Predicate<String> seen, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < end) {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            if (seen.test(text)) {
                return;
            }
            Thread.sleep(100);
        }
        Path helper = log.resolveSibling("getty-helper.log");
        throw new AssertionError("not on the console after " + WAIT.toSeconds() + " s: " + what + "; console: " + text
                + "; helper: " + (Files.exists(helper) ? Files.readString(helper) : ""));
    }
}
