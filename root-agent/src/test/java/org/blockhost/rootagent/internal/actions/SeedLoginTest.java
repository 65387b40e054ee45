package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** seed-create's pam_web3 settings: /etc/pam_web3.conf in the ISO's user-data, strict validation. */
class SeedLoginTest extends SeedTestBase {
    static final String CONF = "  - path: /etc/pam_web3.conf\n    owner: root:root\n    permissions: '0644'\n"
            + "    content: |\n      host = 127.0.0.1:22001\n      chain_id = 31337\n"
            + "      signing_url = https://host.example:8443/sign?x=1&y=%20\n      machine = blockhost-001\n";

    Map<String, Object> withLogin() {
        Map<String, Object> p = base();
        p.putAll(Map.of("login_host", "127.0.0.1:22001", "login_chain_id", 31337,
                "signing_url", "https://host.example:8443/sign?x=1&y=%20"));
        return p;
    }

    @Test
    void loginSettingsBecomePamWeb3Conf() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        agent.call("seed-create", withLogin());
        String ud = isoFile("/user-data");
        assertTrue(ud.contains(CONF), ud);
        assertTrue(ud.contains("AuthenticationMethods keyboard-interactive\n"), ud);
        Files.delete(iso);
        agent.call("seed-create", base());
        assertFalse(isoFile("/user-data").contains("pam_web3"), "no settings, no file");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(Arguments.of("login_host", "host name"), Arguments.of("login_host", "a\nb"),
                Arguments.of("login_host", "-host"), Arguments.of("login_host", "host:0"),
                Arguments.of("login_host", "host:70000"), Arguments.of("login_host", "host:"),
                Arguments.of("login_host", "user@host"), Arguments.of("login_host", "h".repeat(254)),
                Arguments.of("login_host", 7), Arguments.of("login_chain_id", 0),
                Arguments.of("login_chain_id", 9007199254740992L), Arguments.of("login_chain_id", "31337"),
                Arguments.of("login_chain_id", -1), Arguments.of("signing_url", "ftp://x/sign"),
                Arguments.of("signing_url", "http://x/sign y"), Arguments.of("signing_url", "http://x/'sign'"),
                Arguments.of("signing_url", "http://x/\"s\""), Arguments.of("signing_url", "http://x/s\nkey = v"),
                Arguments.of("signing_url", "http://x/s#frag"), Arguments.of("signing_url", "http://x/\\s"),
                Arguments.of("signing_url", "http://x/" + "a".repeat(1010)), Arguments.of("signing_url", "javascript:x"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidValuesNameTheFieldNotTheValue(String field, Object value) {
        Map<String, Object> p = withLogin();
        p.put(field, value);
        RootAgentException e = assertRejected(p);
        assertTrue(e.getMessage().contains(field), e.getMessage());
        if (value instanceof String v) {
            assertFalse(e.getMessage().contains(v), e.getMessage());
        }
    }

    @Test
    void settingsGoTogetherAndNeedWalletLogin() {
        for (String missing : new String[] {"login_host", "login_chain_id", "signing_url"}) {
            Map<String, Object> p = withLogin();
            p.remove(missing);
            assertTrue(assertRejected(p).getMessage().contains("go together"));
        }
        Map<String, Object> p = withLogin();
        p.put("wallet_login", false);
        assertTrue(assertRejected(p).getMessage().contains("need wallet_login"));
    }

    private RootAgentException assertRejected(Map<String, Object> p) {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", p));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
        assertFalse(Files.exists(iso));
        return e;
    }
}
