package org.blockhost.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HostPolicyTest {

    @Test
    void configuredNamesAndOwnAddressesAreAnswered() {
        HostPolicy prod = new HostPolicy(Set.of("Host.Example.com"), false);
        assertTrue(prod.allowed("host.example.com", false));
        assertTrue(prod.allowed("HOST.example.com:8443", false));
        assertTrue(prod.allowed("127.0.0.1:8300", false), "an IP literal of this machine");
        assertFalse(prod.allowed("rebind.evil.example", false));
        assertFalse(prod.allowed("rebind.evil.example", true));
        assertFalse(prod.allowed("localhost:8300", false), "localhost only in dev or from loopback");
        assertTrue(prod.allowed("localhost:8300", true));
        assertFalse(prod.allowed(null, true));
        assertFalse(prod.allowed("", true));
        assertFalse(prod.allowed("host.example.com:99999x", false));
        assertFalse(prod.allowed("a b", false));
        assertFalse(prod.allowed("8.8.8.8", false), "an address that is not this machine's");
    }

    @Test
    void devAnswersLocalhost() {
        assertTrue(new HostPolicy(Set.of(), true).allowed("localhost:8300", false));
        assertTrue(new HostPolicy(Set.of(), true).allowed("[::1]:8300", false));
    }

    @Test
    void hostHeadersAreParsedStrictly() {
        assertEquals(Optional.of("::1"), Net.hostOf("[::1]:80"));
        assertEquals(Optional.of("example.com"), Net.hostOf("Example.COM:443"));
        assertEquals(Optional.empty(), Net.hostOf("[::1"));
        assertEquals(Optional.empty(), Net.hostOf("example.com:"));
        assertEquals(Optional.empty(), Net.hostOf("exa_mple.com"));
    }

    @Test
    void loopbackIsDecidedWithoutNameLookups() {
        assertTrue(Net.loopback("127.0.0.1"));
        assertTrue(Net.loopback("0:0:0:0:0:0:0:1"));
        assertFalse(Net.loopback("localhost"), "a name is never resolved");
        assertFalse(Net.loopback("10.0.0.1"));
    }
}
