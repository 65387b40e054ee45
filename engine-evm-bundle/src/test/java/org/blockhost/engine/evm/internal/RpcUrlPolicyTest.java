package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpcUrlPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8545", "http://10.1.2.3", "https://192.168.1.10/rpc", "http://172.16.0.1",
        "http://169.254.169.254/latest", "http://100.64.0.1", "http://[::1]:8545", "http://[fd00::1]", "http://0.0.0.0",
        "http://[fe80::1]", "http://224.0.0.1"})
    void internalAddressesOnlyInDevMode(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RpcUrlPolicy(false).check(url));
        assertTrue(e.getMessage().contains("dev mode"), e.getMessage());
        assertEquals(url, new RpcUrlPolicy(true).check(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://8.8.8.8", "ftp://8.8.8.8", "file:///etc/passwd", "8.8.8.8:8545", "", "http://",
        "https://user:secret@8.8.8.8/", "http://exa mple.com", "javascript:alert(1)"})
    void onlyHttpAndHttpsWithAHostAndNoUserInfo(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RpcUrlPolicy(true).check(url));
        assertFalse(e.getMessage().contains("secret"), "never echoes the URL: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/v3/key", "https://1.1.1.1:8545", "https://[2606:4700:4700::1111]/"})
    void publicHttpsAddressesAreAllowed(String url) {
        assertEquals(url, new RpcUrlPolicy(false).check(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://public.example", "http://public.example/v3/secretkey", "http://1.1.1.1:8545",
        "HTTP://8.8.8.8/"})
    void plainHttpIsRefusedInProduction(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RpcUrlPolicy(false).check(url));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertFalse(e.getMessage().contains("secretkey"), "never echoes the URL: " + e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void plainHttpIsAllowedInDevMode() {
        assertEquals("http://1.1.1.1:8545", new RpcUrlPolicy(true).check("http://1.1.1.1:8545").toString());
    }

    @org.junit.jupiter.api.Test
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RpcUrlPolicy(true).check(null));
    }

    @org.junit.jupiter.api.Test
    void connectTimeDnsAppliesTheSameRule() {
        assertThrows(java.net.UnknownHostException.class, () -> new RpcUrlPolicy(false).dns().lookup("127.0.0.1"));
    }
}
