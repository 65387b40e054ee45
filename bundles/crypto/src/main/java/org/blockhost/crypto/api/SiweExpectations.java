package org.blockhost.crypto.api;

import java.time.Clock;
import java.time.Duration;

/**
 * What a relying party expects of a SIWE message. Domain, URI, chain id and nonce are mandatory:
 * there is no way to verify a message without binding it to this site, this chain and the nonce
 * issued for this login. Messages older than {@link #maxAge()} (from their issued-at; default
 * {@link #DEFAULT_MAX_AGE}) are refused even without an expiration time. Immutable.
 */
public final class SiweExpectations {
    /** How long after its issued-at a message is accepted by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    private final String domain;
    private final String uri;
    private final long chainId;
    private final String nonce;
    private final Clock clock;
    private final Duration allowedSkew;
    private final Duration maxAge;

    private SiweExpectations(String domain, String uri, long chainId, String nonce, Clock clock, Duration allowedSkew,
                             Duration maxAge) {
        this.domain = require(domain, "an expected SIWE domain");
        this.uri = require(uri, "an expected SIWE URI");
        this.nonce = require(nonce, "an expected SIWE nonce");
        if (chainId < 1) {
            throw new IllegalArgumentException("SIWE verification needs an expected chain id of at least 1");
        }
        this.chainId = chainId;
        if (clock == null) {
            throw new IllegalArgumentException("SIWE verification needs a clock");
        }
        this.clock = clock;
        this.allowedSkew = nonNegative(allowedSkew, "allowed skew");
        this.maxAge = nonNegative(maxAge, "max age");
        if (maxAge.isZero()) {
            throw new IllegalArgumentException("SIWE max age must be positive");
        }
    }

    /**
     * Expectations with the system UTC clock, no skew and {@link #DEFAULT_MAX_AGE}.
     *
     * @throws IllegalArgumentException if a value is missing or empty, or {@code chainId} &lt; 1
     */
    public static SiweExpectations of(String domain, String uri, long chainId, String nonce) {
        return new SiweExpectations(domain, uri, chainId, nonce, Clock.systemUTC(), Duration.ZERO, DEFAULT_MAX_AGE);
    }

    public SiweExpectations domain(String v) { return new SiweExpectations(v, uri, chainId, nonce, clock, allowedSkew, maxAge); }

    public SiweExpectations uri(String v) { return new SiweExpectations(domain, v, chainId, nonce, clock, allowedSkew, maxAge); }

    public SiweExpectations chainId(long v) { return new SiweExpectations(domain, uri, v, nonce, clock, allowedSkew, maxAge); }

    public SiweExpectations nonce(String v) { return new SiweExpectations(domain, uri, chainId, v, clock, allowedSkew, maxAge); }

    /** The clock for the time checks (inject a fixed clock in tests). */
    public SiweExpectations clock(Clock v) { return new SiweExpectations(domain, uri, chainId, nonce, v, allowedSkew, maxAge); }

    /** Tolerance for clock differences on issued-at and not-before (default zero). */
    public SiweExpectations allowedSkew(Duration v) { return new SiweExpectations(domain, uri, chainId, nonce, clock, v, maxAge); }

    /** How long after its issued-at a message is accepted (positive; default {@link #DEFAULT_MAX_AGE}). */
    public SiweExpectations maxAge(Duration v) { return new SiweExpectations(domain, uri, chainId, nonce, clock, allowedSkew, v); }

    public String domain() { return domain; }

    public String uri() { return uri; }

    public long chainId() { return chainId; }

    public String nonce() { return nonce; }

    public Clock clock() { return clock; }

    public Duration allowedSkew() { return allowedSkew; }

    public Duration maxAge() { return maxAge; }

    private static String require(String v, String what) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("SIWE verification needs " + what);
        }
        return v;
    }

    private static Duration nonNegative(Duration v, String what) {
        if (v == null || v.isNegative()) {
            throw new IllegalArgumentException("SIWE " + what + " must be given and not negative");
        }
        return v;
    }
}
