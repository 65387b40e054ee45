package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.NonceStore;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Siwe;
import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweExpectations;
import org.blockhost.crypto.api.SiweMessage;
import org.junit.jupiter.api.Test;

/** SIWE verification: signature, mandatory bindings, the time window and max age, with an injected clock. */
class SiweVerifyTest {
    static final byte[] KEY = new byte[32];
    private static final byte[] OTHER = new byte[32];
    static final String DOMAIN = "admin.example.com";
    static final String URI = "https://admin.example.com/login";
    static final String NONCE = "Nonce12345678";
    /** Accepts every nonce: these tests are about the other checks (single use: SiweNonceTest). */
    private static final NonceStore ANY = n -> true;

    static {
        KEY[31] = 7;
        OTHER[31] = 8;
    }

    private static final String TEXT = SiweMessage.builder().domain(DOMAIN)
        .address(Address.fromPrivateKey(KEY).toChecksumString()).statement("Sign in to the BlockHost admin console")
        .uri(URI).chainId(31337).nonce(NONCE)
        .issuedAt("2030-01-01T10:00:00Z").notBefore("2030-01-01T10:00:10Z").expirationTime("2030-01-01T10:05:00Z")
        .resources(List.of("https://admin.example.com/")).build().toMessage();
    private static final String SIG = PersonalSign.sign(KEY, TEXT).toHex();

    static SiweExpectations at(String time) {
        return SiweExpectations.of(DOMAIN, URI, 31337, NONCE).clock(Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
    }

    /** A message of KEY issued at {@code issuedAt} with this nonce and no expiration time. */
    static String noExpiry(String issuedAt, String nonce) {
        return SiweMessage.builder().domain(DOMAIN).address(Address.fromPrivateKey(KEY).toChecksumString())
            .uri(URI).chainId(31337).nonce(nonce).issuedAt(issuedAt).build().toMessage();
    }

    @Test
    void acceptsInsideTheWindow() {
        assertEquals(31337, Siwe.verify(TEXT, SIG, at("2030-01-01T10:01:00Z"), ANY).chainId());
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
        SiweException e = assertThrows(SiweException.class, () -> Siwe.verify(TEXT, forged, at("2030-01-01T10:01:00Z"), ANY));
        assertTrue(e.getMessage().startsWith("SIWE signature was made by "));
    }

    private static void assertMessage(String expected, String text, String sig, SiweExpectations exp) {
        assertEquals(expected, assertThrows(SiweException.class, () -> Siwe.verify(text, sig, exp, ANY)).getMessage());
    }

    @Test
    void verifyWithoutAnExpectedDomainUriChainOrNonceIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Siwe.verify(TEXT, SIG, SiweExpectations.of(null, URI, 31337, NONCE), ANY));
        assertThrows(IllegalArgumentException.class, () -> Siwe.verify(TEXT, SIG, SiweExpectations.of("", URI, 31337, NONCE), ANY));
        assertThrows(IllegalArgumentException.class, () -> SiweExpectations.of(DOMAIN, null, 31337, NONCE));
        assertThrows(IllegalArgumentException.class, () -> SiweExpectations.of(DOMAIN, URI, 0, NONCE));
        assertThrows(IllegalArgumentException.class, () -> SiweExpectations.of(DOMAIN, URI, 31337, null));
        assertThrows(IllegalArgumentException.class, () -> at("2030-01-01T10:01:00Z").domain(null));
        assertThrows(IllegalArgumentException.class, () -> Siwe.verify(TEXT, SIG, null, ANY));
        assertThrows(IllegalArgumentException.class, () -> Siwe.verify(TEXT, SIG, at("2030-01-01T10:01:00Z"), null));
        assertThrows(IllegalArgumentException.class, () -> at("2030-01-01T10:01:00Z").maxAge(Duration.ZERO));
    }

    @Test
    void aMessageWithoutExpirationTimeExpiresAfterMaxAge() {
        String text = noExpiry("2030-01-01T10:00:00Z", NONCE);
        String sig = PersonalSign.sign(KEY, text).toHex();
        assertEquals(NONCE, Siwe.verify(text, sig, at("2030-01-01T10:09:59Z"), ANY).nonce());
        assertMessage("SIWE message is too old (issued at 2030-01-01T10:00:00Z, max age 600 s)", text, sig,
            at("2030-01-01T11:00:00Z"));
        assertMessage("SIWE message is too old (issued at 2030-01-01T10:00:00Z, max age 60 s)", text, sig,
            at("2030-01-01T10:01:00Z").maxAge(Duration.ofMinutes(1)));
        assertEquals(Duration.ofMinutes(10), SiweExpectations.DEFAULT_MAX_AGE);
    }

    @Test
    void rejectsTrailingNewlineAndLowercaseAddress() {
        assertThrows(SiweException.class, () -> SiweMessage.parse(TEXT + "\n"));
        String lower = TEXT.replace(Address.fromPrivateKey(KEY).toChecksumString(), Address.fromPrivateKey(KEY).toLowerString());
        assertThrows(SiweException.class, () -> SiweMessage.parse(lower));
    }
}
