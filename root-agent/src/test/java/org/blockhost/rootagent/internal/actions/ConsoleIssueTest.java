package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** console-issue: the setup code for the console from validated fields only, in the issue directory. */
class ConsoleIssueTest {
    static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    static final Map<String, Object> OK = Map.of("code", "K7M2QX", "url", "https://203.0.113.5:8443/setup/", "fingerprint", FP);

    @TempDir
    Path dir;

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = new HashMap<>(OK);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("code", "K7M2Q"), Arguments.of("code", "K7M2QXA"), Arguments.of("code", "k7m2qx"),
                Arguments.of("code", "K7M2Q0"), Arguments.of("code", "K7M2Q1"), Arguments.of("code", "K7M2QI"),
                Arguments.of("code", "K7M2QO"), Arguments.of("code", "K7M2QL"), Arguments.of("code", "K7\\M2Q"),
                Arguments.of("code", "K7M\nQX"), Arguments.of("code", 123456), Arguments.of("code", null),
                Arguments.of("url", "http://203.0.113.5:8443/setup/"), Arguments.of("url", "https://host/other"),
                Arguments.of("url", "https://host/setup/\n\\e[2J"), Arguments.of("url", "https://ho st/setup/"),
                Arguments.of("url", "https://host\\4/setup/"), Arguments.of("url", "https://host:0/setup/"),
                Arguments.of("url", "https://host:70000/setup/"), Arguments.of("url", "https://-host/setup/"),
                Arguments.of("url", "https://user@host/setup/"), Arguments.of("url", "https://" + "a".repeat(400) + "/setup/"),
                Arguments.of("url", null),
                Arguments.of("fingerprint", FP.toLowerCase()), Arguments.of("fingerprint", FP.replace(":", "")),
                Arguments.of("fingerprint", FP.substring(3)), Arguments.of("fingerprint", FP + ":00"),
                Arguments.of("fingerprint", FP.replace("AB:CD", "AB\nCD")), Arguments.of("fingerprint", null),
                Arguments.of("extra", "x"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidValuesAreRejectedAndNothingIsWritten(String key, Object value) throws Exception {
        try (InProcessAgent a = agent()) {
            RootAgentException e = assertThrows(RootAgentException.class, () -> a.call("console-issue", with(key, value)));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("etc/issue.d/blockhost.issue")));
    }

    @Test
    void writesReplacesAndClears() throws Exception {
        Path issue = dir.resolve("etc/issue.d/blockhost.issue");
        try (InProcessAgent a = agent()) {
            assertEquals(issue.toString(), a.call("console-issue", OK).get("path"));
            String text = Files.readString(issue);
            assertTrue(text.contains("https://203.0.113.5:8443/setup/") && text.contains("K7M2QX") && text.contains(FP), text);
            assertFalse(text.contains("\\"), "no agetty escapes");
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(issue)));
            a.call("console-issue", Map.of("code", "ABCDEF", "url", "https://[2001:db8::1]/setup", "fingerprint", FP));
            assertTrue(Files.readString(issue).contains("ABCDEF") && !Files.readString(issue).contains("K7M2QX"));
            try (Stream<Path> s = Files.list(issue.getParent())) {
                assertEquals(1, s.count(), "no temporary file left");
            }
            assertEquals(true, a.call("console-issue-clear", Map.of()).get("removed"));
            assertFalse(Files.exists(issue));
            assertEquals(false, a.call("console-issue-clear", Map.of()).get("removed"));
            String audit = Files.readString(dir.resolve("var/lib/blockhost/root-agent/audit.log"));
            assertTrue(audit.contains("console-issue") && !audit.contains("K7M2QX"), "the code is not audit-logged");
        }
    }

    @Test
    void symlinkedIssueDirIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("etc"));
        Files.createSymbolicLink(dir.resolve("etc/issue.d"), elsewhere);
        try (InProcessAgent a = agent()) {
            RootAgentException e = assertThrows(RootAgentException.class, () -> a.call("console-issue", OK));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
            assertThrows(RootAgentException.class, () -> a.call("console-issue-clear", Map.of()));
        }
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(0, s.count(), "nothing written through the symlink");
        }
    }

    @Test
    void daemonWritesIntoARootOwnedIssueDirOnly() throws Exception {
        assumeTrue(TestSupport.isRoot(), "the daemon's ownership rules need root-owned directories");
        try (Daemon d = TestSupport.startInJvm(dir)) {
            Path sock = dir.resolve("agent.sock");
            JsonNode r = TestSupport.call(sock, "console-issue", OK);
            assertTrue(r.path("ok").asBoolean(), r.toString());
            Path issue = dir.resolve("issue.d/blockhost.issue");
            assertTrue(Files.readString(issue).contains("K7M2QX"));
            JsonNode bad = TestSupport.call(sock, "console-issue", with("url", "https://h/setup/\nroot::0:0"));
            assertEquals("rejected", bad.path("kind").asText(), bad.toString());
            assertTrue(TestSupport.call(sock, "console-issue-clear", Map.of()).path("result").path("removed").asBoolean());
            assertFalse(Files.exists(issue));
            Files.setPosixFilePermissions(dir.resolve("issue.d"), PosixFilePermissions.fromString("rwxrwxrwx"));
            JsonNode unsafe = TestSupport.call(sock, "console-issue", OK);
            assertEquals("rejected", unsafe.path("kind").asText(), unsafe.toString());
            assertTrue(unsafe.path("error").asText().contains("writable by group or others"), unsafe.toString());
            assertFalse(Files.exists(issue));
        }
    }

    private InProcessAgent agent() {
        return new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null));
    }
}
