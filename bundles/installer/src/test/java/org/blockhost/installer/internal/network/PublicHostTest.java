package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The public host: a DNS name or an IP literal, never localhost or loopback outside dev mode. */
class PublicHostTest {
    @Test
    void dnsNamesAndIpLiteralsAreAccepted() {
        for (String ok : new String[] {"vm.example.com", "Host-1.Example.ORG", "example", "203.0.113.7", "2001:db8::1",
            "xn--bcher-kva.example"}) {
            assertEquals(Optional.empty(), PublicHost.problem(ok, false), ok);
        }
        assertEquals("vm.example.com", PublicHost.canonical("  VM.Example.com "));
    }

    @Test
    void anythingElseIsRefusedWithAMessage() {
        for (String bad : new String[] {"", "  ", "vm example.com", "-vm.example.com", "vm-.example.com", "vm..example.com",
            "vm.example.com.", "256.1.1.1", "1.2.3", "http://vm.example.com", "vm.example.com:443", "vm_1.example.com",
            "[2001:db8::1]", "2001:db8::g", "a".repeat(64) + ".com", "vm.exämple.com", "host\n"}) {
            Optional<String> p = PublicHost.problem(bad, true);
            assertTrue(p.isPresent(), bad);
            assertTrue(!p.get().contains("\n"), p.get());
        }
    }

    @Test
    void localhostAndLoopbackOnlyInDevMode() {
        for (String local : new String[] {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "::1",
            "0.0.0.0", "::"}) {
            assertTrue(PublicHost.problem(local, false).orElse("").contains("dev mode only"), local);
            assertEquals(Optional.empty(), PublicHost.problem(local, true), local);
        }
    }
}
