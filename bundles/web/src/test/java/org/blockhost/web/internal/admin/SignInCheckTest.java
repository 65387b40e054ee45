package org.blockhost.web.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.web.internal.TestClock;
import org.junit.jupiter.api.Test;

class SignInCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");
    private static final Set<String> HOSTS = Set.of("host.example.com", "host.example.com:8443");

    private static SiweMessage.Builder message() {
        return SiweMessage.builder().scheme("https").domain("host.example.com:8443")
                .address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").statement("Sign in to the BlockHost admin console.")
                .uri("https://host.example.com:8443/admin/").version("1").chainId(31337).nonce("abcdefgh12345678")
                .issuedAt(NOW.minusSeconds(10)).expirationTime(NOW.plusSeconds(300));
    }

    private static String check(SiweMessage m, String host) {
        return SignInCheck.problem(m, host, "https://host.example.com:8443", HOSTS::contains, OptionalLong.of(31337), NOW);
    }

    @Test
    void aFreshMessageForThisSiteAndChainPasses() {
        assertNull(check(message().build(), "host.example.com:8443"));
    }

    @Test
    void domainUriChainAndTimesAreChecked() {
        assertEquals("the message is for another site (domain)", check(message().build(), "other.example:8443"));
        assertEquals("the message is for another site (domain)",
                check(message().domain("evil.example").build(), "evil.example"));
        assertEquals("the message is for another site (URI)",
                check(message().uri("https://evil.example/admin/").build(), "host.example.com:8443"));
        assertEquals("the message is for another site (URI)",
                check(message().uri("https://host.example.com:84430/admin/").build(), "host.example.com:8443"));
        assertEquals("the message names another chain", check(message().chainId(1).build(), "host.example.com:8443"));
        assertTrue(check(message().issuedAt(NOW.minus(Duration.ofMinutes(6))).build(), "host.example.com:8443")
                .contains("Issued At"));
        assertTrue(check(message().issuedAt(NOW.plus(Duration.ofMinutes(2))).build(), "host.example.com:8443")
                .contains("Issued At"));
        assertEquals("the message expired",
                check(message().expirationTime(NOW.minusSeconds(1)).build(), "host.example.com:8443"));
        assertEquals("the message is not valid yet",
                check(message().notBefore(NOW.plus(Duration.ofMinutes(5))).build(), "host.example.com:8443"));
    }

    @Test
    void noncesAreSingleUseAndLiveFiveMinutes() {
        TestClock clock = new TestClock(NOW);
        Nonces nonces = new Nonces(clock);
        String a = nonces.issue();
        assertTrue(a.matches("[A-Za-z0-9]{22}"), a);
        assertTrue(nonces.consume(a));
        assertFalse(nonces.consume(a), "replayed");
        assertFalse(nonces.consume("never-issued"));
        String b = nonces.issue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertFalse(nonces.consume(b), "expired");
    }
}
