package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Siwe;
import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweExpectations;
import org.blockhost.crypto.api.SiweMessage;
import org.junit.jupiter.api.Test;

/** SIWE verification: signature, bindings and the time window, with an injected clock. */
class SiweVerifyTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER = new byte[32];

    static {
        KEY[31] = 7;
        OTHER[31] = 8;
    }

    private static final String TEXT = SiweMessage.builder().domain("admin.example.com")
        .address(Address.fromPrivateKey(KEY).toChecksumString()).statement("Sign in to the BlockHost admin console")
        .uri("https://admin.example.com/login").chainId(31337).nonce("Nonce12345678")
        .issuedAt("2030-01-01T10:00:00Z").notBefore("2030-01-01T10:00:10Z").expirationTime("2030-01-01T10:05:00Z")
        .resources(List.of("https://admin.example.com/")).build().toMessage();
    private static final String SIG = PersonalSign.sign(KEY, TEXT).toHex();

    private static SiweExpectations at(String time) {
        return SiweExpectations.none().domain("admin.example.com").nonce("Nonce12345678").chainId(31337)
            .uri("https://admin.example.com/login").clock(Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
    }

    @Test
    void acceptsInsideTheWindow() {
        assertEquals(31337, Siwe.verify(TEXT, SIG, at("2030-01-01T10:01:00Z")).chainId());
    }

    @Test
    void rejectsEachViolationWithItsOwnMessage() {
        assertMessage("SIWE message is not valid yet (not before 2030-01-01T10:00:10Z)", TEXT, SIG, at("2030-01-01T10:00:05Z"));
        assertMessage("SIWE message is issued in the future (issued at 2030-01-01T10:00:00Z)", TEXT, SIG, at("2030-01-01T09:00:00Z"));
        assertMessage("SIWE message has expired (expiration time 2030-01-01T10:05:00Z)", TEXT, SIG, at("2030-01-01T10:05:00Z"));
        assertMessage("SIWE domain mismatch: expected evil.example, got admin.example.com", TEXT, SIG,
            at("2030-01-01T10:01:00Z").domain("evil.example"));
        assertMessage("SIWE nonce mismatch", TEXT, SIG, at("2030-01-01T10:01:00Z").nonce("Other1234567"));
        assertMessage("SIWE chain id mismatch: expected 1, got 31337", TEXT, SIG, at("2030-01-01T10:01:00Z").chainId(1));
        assertMessage("SIWE URI mismatch: expected https://x.example/, got https://admin.example.com/login", TEXT, SIG,
            at("2030-01-01T10:01:00Z").uri("https://x.example/"));
        String forged = PersonalSign.sign(OTHER, TEXT).toHex();
        SiweException e = assertThrows(SiweException.class, () -> Siwe.verify(TEXT, forged, at("2030-01-01T10:01:00Z")));
        assertEquals(true, e.getMessage().startsWith("SIWE signature was made by "));
    }

    private static void assertMessage(String expected, String text, String sig, SiweExpectations exp) {
        assertEquals(expected, assertThrows(SiweException.class, () -> Siwe.verify(text, sig, exp)).getMessage());
    }

    @Test
    void rejectsTrailingNewlineAndLowercaseAddress() {
        assertThrows(SiweException.class, () -> SiweMessage.parse(TEXT + "\n"));
        String lower = TEXT.replace(Address.fromPrivateKey(KEY).toChecksumString(), Address.fromPrivateKey(KEY).toLowerString());
        assertThrows(SiweException.class, () -> SiweMessage.parse(lower));
    }
}
