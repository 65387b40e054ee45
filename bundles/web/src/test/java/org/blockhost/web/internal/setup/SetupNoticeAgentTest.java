package org.blockhost.web.internal.setup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.blockhost.rootagent.internal.client.SocketClient;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.blockhost.rootagent.internal.daemon.DaemonArgs;
import org.blockhost.web.api.TlsEndpoint;
import org.blockhost.web.internal.tls.Credentials;
import org.blockhost.web.internal.tls.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path end to end: what the runtime sends (a real certificate's fingerprint, the
 * URL it builds) passes the root agent daemon's validation and lands in its issue directory.
 */
class SetupNoticeAgentTest {
    @TempDir
    Path dir;

    @Test
    void theDaemonShowsAndClearsTheCodeTheRuntimeSends() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the daemon's directories must be root's");
        for (String d : List.of("keys", "vms", "templates", "state")) {
            Files.createDirectories(dir.resolve(d));
        }
        Path sock = dir.resolve("agent.sock");
        Credentials cert = SelfSigned.create(List.of("blockhost.example"));
        TlsEndpoint tls = new TlsEndpoint() {
            @Override
            public String httpsUrl() {
                return "https://0.0.0.0:8443";
            }

            @Override
            public String fingerprint() {
                return cert.fingerprint();
            }

            @Override
            public byte[] certificate() {
                return cert.leafDer();
            }

            @Override
            public String replace(String chainPem, String keyPem) {
                throw new UnsupportedOperationException();
            }
        };
        try (Daemon daemon = Daemon.start(DaemonArgs.parse("--socket", sock.toString(), "--group", "daemon",
                "--user", "daemon", "--state-dir", dir.resolve("state").toString(), "--keys-dir", dir.resolve("keys").toString(),
                "--vm-dir", dir.resolve("vms").toString(), "--template-dir", dir.resolve("templates").toString(),
                "--issue-dir", dir.resolve("issue.d").toString(), "--libvirt-uri", "test:///default"))) {
            SocketClient agent = new SocketClient(sock, Duration.ofSeconds(2), Duration.ofSeconds(10));
            SetupNotice notice = new SetupNotice(false, dir.resolve("unused"), () -> agent);
            Path issue = dir.resolve("issue.d/blockhost.issue");
            notice.show("K7M2QX");
            notice.tick(Optional.of(tls), Set.of());
            String text = Files.readString(issue);
            assertTrue(text.contains("K7M2QX") && text.contains(cert.fingerprint()) && text.contains(":8443/setup/"), text);
            assertFalse(text.contains("0.0.0.0"), text);
            notice.show("ABCDEF");
            notice.tick(Optional.of(tls), Set.of("blockhost.example"));
            assertTrue(Files.readString(issue).contains("https://blockhost.example:8443/setup/"));
            notice.clear();
            notice.tick(Optional.of(tls), Set.of());
            assertFalse(Files.exists(issue));
            assertFalse(Files.exists(dir.resolve("unused")), "no dev file in production");
        }
    }
}
