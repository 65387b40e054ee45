package org.blockhost.web.internal.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.web.api.TlsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupNoticeTest {
    static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    static final Optional<TlsEndpoint> TLS = Optional.of(endpoint("https://203.0.113.5:8443"));

    static TlsEndpoint endpoint(String url) {
        return new TlsEndpoint() {
            @Override
            public String httpsUrl() {
                return url;
            }

            @Override
            public String fingerprint() {
                return FP;
            }

            @Override
            public byte[] certificate() {
                return new byte[0];
            }

            @Override
            public String replace(String chainPem, String keyPem) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @TempDir
    Path dir;

    /** Records calls; answers UNAVAILABLE while {@code down}. */
    static final class RecordingAgent implements RootAgent {
        final List<String> calls = new ArrayList<>();
        boolean down;

        @Override
        public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
            if (down) {
                throw new RootAgentException(RootAgentException.Kind.UNAVAILABLE, "socket missing");
            }
            calls.add(action + " " + new java.util.TreeMap<>(params));
            return Map.of();
        }
    }

    @Test
    void productionShowsTheCodeThroughTheAgentOnceHttpsAndTheAgentAreThere() {
        RecordingAgent agent = new RecordingAgent();
        RootAgent[] present = {null};
        SetupNotice notice = new SetupNotice(false, dir.resolve("issue"), () -> present[0]);
        notice.show("K7M2QX");
        notice.tick(Optional.empty(), Set.of());
        notice.tick(TLS, Set.of());
        present[0] = agent;
        agent.down = true;
        notice.tick(TLS, Set.of());
        assertEquals(List.of(), agent.calls, "nothing while HTTPS, then the agent, is missing or down");
        agent.down = false;
        notice.tick(TLS, Set.of("host.example"));
        notice.tick(TLS, Set.of("host.example"));
        assertEquals(List.of("console-issue {code=K7M2QX, fingerprint=" + FP + ", url=https://host.example:8443/setup/}"),
                agent.calls, "shown once, with the configured host name");
        notice.clear();
        notice.tick(TLS, Set.of());
        notice.clear();
        notice.tick(TLS, Set.of());
        assertEquals("console-issue-clear {}", agent.calls.get(1));
        assertEquals(2, agent.calls.size(), "cleared once");
        assertFalse(Files.exists(dir.resolve("issue")), "no dev file in production");
    }

    @Test
    void aStaleNoticeIsClearedAtStartWhenSetupIsAlreadyComplete() {
        RecordingAgent agent = new RecordingAgent();
        SetupNotice notice = new SetupNotice(false, dir.resolve("issue"), () -> agent);
        notice.clear();
        notice.tick(TLS, Set.of());
        assertEquals(List.of("console-issue-clear {}"), agent.calls);
    }

    @Test
    void devModeWritesTheStateFileWithoutAnAgent() throws Exception {
        Path file = dir.resolve("state/web/issue");
        SetupNotice notice = new SetupNotice(true, file, () -> {
            throw new AssertionError("no agent in dev mode");
        });
        notice.show("K7M2QX");
        notice.tick(TLS, Set.of());
        String text = Files.readString(file);
        assertTrue(text.contains("K7M2QX") && text.contains(FP) && text.contains("https://203.0.113.5:8443/setup/"), text);
        notice.show("ABCDEF");
        notice.tick(TLS, Set.of());
        assertTrue(Files.readString(file).contains("ABCDEF"));
        notice.clear();
        notice.tick(TLS, Set.of());
        assertFalse(Files.exists(file));
    }

    @Test
    void aLoopbackOrWildcardHttpsAddressIsReplacedByARoutableOne() {
        TlsEndpoint local = endpoint("https://localhost:443");
        String url = SetupNotice.setupUrl(local, Set.of());
        String routable = org.blockhost.web.internal.http.Net.firstRoutableAddress()
                .map(a -> a.contains(":") ? "[" + a + "]" : a).orElse("localhost");
        assertEquals("https://" + routable + "/setup/", url, "port 443 left out, loopback replaced");
        assertFalse(url.contains("127.0.0.1"));
        assertEquals("https://b.example/setup/", SetupNotice.setupUrl(local, Set.of("b.example", "c.example")));
    }
}
