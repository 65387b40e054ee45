package org.blockhost.crypto.api;

import java.time.Clock;
import java.time.Duration;

/** What a relying party expects of a SIWE message. Null fields are not checked. Immutable. */
public final class SiweExpectations {
    private final String domain;
    private final String uri;
    private final String nonce;
    private final Long chainId;
    private final Clock clock;
    private final Duration allowedSkew;

    private SiweExpectations(String domain, String uri, String nonce, Long chainId, Clock clock, Duration allowedSkew) {
        this.domain = domain;
        this.uri = uri;
        this.nonce = nonce;
        this.chainId = chainId;
        this.clock = clock;
        this.allowedSkew = allowedSkew;
    }

    /** Checks nothing but the signature and the time against the system UTC clock. */
    public static SiweExpectations none() {
        return new SiweExpectations(null, null, null, null, Clock.systemUTC(), Duration.ZERO);
    }

    public SiweExpectations domain(String v) { return new SiweExpectations(v, uri, nonce, chainId, clock, allowedSkew); }

    public SiweExpectations uri(String v) { return new SiweExpectations(domain, v, nonce, chainId, clock, allowedSkew); }

    public SiweExpectations nonce(String v) { return new SiweExpectations(domain, uri, v, chainId, clock, allowedSkew); }

    public SiweExpectations chainId(long v) { return new SiweExpectations(domain, uri, nonce, v, clock, allowedSkew); }

    /** The clock for issued-at / not-before / expiration checks (inject a fixed clock in tests). */
    public SiweExpectations clock(Clock v) { return new SiweExpectations(domain, uri, nonce, chainId, v, allowedSkew); }

    /** Tolerance for clock differences on issued-at and not-before (default zero). */
    public SiweExpectations allowedSkew(Duration v) { return new SiweExpectations(domain, uri, nonce, chainId, clock, v); }

    public String domain() { return domain; }

    public String uri() { return uri; }

    public String nonce() { return nonce; }

    public Long chainId() { return chainId; }

    public Clock clock() { return clock; }

    public Duration allowedSkew() { return allowedSkew; }
}
