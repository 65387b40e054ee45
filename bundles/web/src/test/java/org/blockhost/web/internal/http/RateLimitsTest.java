package org.blockhost.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(123 * SECOND);

    private RateLimits limits(Set<String> exempt, boolean dev) {
        return new RateLimits(new RateLimits.Settings(60, 5, 6, 2, 100, exempt, dev), now::get);
    }

    @Test
    void aBucketAllowsTheBurstThenRefillsAtTheRate() {
        TokenBuckets b = new TokenBuckets(60, 3, 10, now::get);
        assertEquals(0, b.take("a"));
        assertEquals(0, b.take("a"));
        assertEquals(0, b.take("a"));
        assertEquals(1, b.take("a"), "empty: one token a second");
        assertEquals(0, b.take("b"), "another client has its own bucket");
        now.addAndGet(SECOND);
        assertEquals(0, b.take("a"));
        assertEquals(1, b.take("a"));
        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.take("a"), "refilled up to the burst only");
        }
        assertEquals(1, b.take("a"));
    }

    @Test
    void retryAfterSaysHowLongUntilTheNextToken() {
        TokenBuckets b = new TokenBuckets(6, 1, 10, now::get);
        assertEquals(0, b.take("a"));
        assertEquals(10, b.take("a"), "6 a minute: one every 10 s");
        now.addAndGet(4 * SECOND);
        assertEquals(6, b.take("a"));
    }

    @Test
    void memoryIsBoundedAndTheLeastRecentlySeenClientIsForgotten() {
        TokenBuckets b = new TokenBuckets(60, 1, 3, now::get);
        b.take("a");
        b.take("b");
        b.take("c");
        assertEquals(1, b.take("a"), "a is limited and now the most recent");
        b.take("d");
        assertEquals(3, b.size());
        assertEquals(1, b.take("a"), "a kept");
        assertEquals(0, b.take("b"), "b was forgotten: a new bucket");
        for (int i = 0; i < 100_000; i++) {
            b.take("10.0." + (i >> 8) + "." + (i & 255));
        }
        assertEquals(3, b.size());
    }

    @Test
    void signInEndpointsHaveTheirOwnTighterLimitForEveryMethod() {
        RateLimits r = limits(Set.of(), false);
        for (String path : RateLimits.SIGN_IN) {
            RateLimits fresh = limits(Set.of(), false);
            assertEquals(0, fresh.check("GET", path, "203.0.113.7"));
            assertEquals(0, fresh.check("POST", path, "203.0.113.7"));
            assertEquals(10, fresh.check("GET", path, "203.0.113.7"), path);
            assertEquals(0, fresh.check("POST", "/admin/api/logout", "203.0.113.7"), "the general bucket is separate");
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(0, r.check("GET", "/servers", "203.0.113.7"), "plain pages are not limited");
        }
    }

    @Test
    void postsAndThePublicApiShareTheGeneralLimit() {
        RateLimits r = limits(Set.of(), false);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, r.check(i % 2 == 0 ? "POST" : "GET", i % 2 == 0 ? "/admin/api/x" : "/api/public/plans", "198.51.100.1"));
        }
        assertEquals(1, r.check("GET", "/api/public/plans", "198.51.100.1"));
        assertEquals(1, r.check("DELETE", "/admin/api/x", "198.51.100.1"));
        assertEquals(0, r.check("GET", "/admin/", "198.51.100.1"));
    }

    @Test
    void anIpv6ClientIsItsSlash64() throws Exception {
        RateLimits r = limits(Set.of(), false);
        assertEquals(0, r.check("POST", "/setup/login", "2001:db8:1:2::1"));
        assertEquals(0, r.check("POST", "/setup/login", "2001:db8:1:2::ffff"));
        assertTrue(r.check("POST", "/setup/login", "2001:db8:1:2:aaaa::1") > 0, "same /64, same bucket");
        assertEquals(0, r.check("POST", "/setup/login", "2001:db8:1:3::1"), "another /64");
        assertEquals("20010db800010002::/64", org.blockhost.web.api.ClientAddress.key(InetAddress.getByName("2001:db8:1:2::9")));
    }

    @Test
    void exemptAddressesAndDevLoopbackAreNotLimited() {
        RateLimits prod = limits(Set.of("192.0.2.9"), false);
        RateLimits dev = limits(Set.of(), true);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, prod.check("POST", "/setup/login", "192.0.2.9"));
            assertEquals(0, dev.check("POST", "/setup/login", "127.0.0.1"));
            assertEquals(0, dev.check("POST", "/setup/login", "::1"));
        }
        assertEquals(0, prod.check("POST", "/setup/login", "127.0.0.1"));
        assertEquals(0, prod.check("POST", "/setup/login", "127.0.0.1"));
        assertTrue(prod.check("POST", "/setup/login", "127.0.0.1") > 0, "loopback is limited in production");
        assertEquals(0, dev.check("POST", "/setup/login", "192.0.2.10"));
        assertEquals(0, dev.check("POST", "/setup/login", "192.0.2.10"));
        assertTrue(dev.check("POST", "/setup/login", "192.0.2.10") > 0, "others are limited in dev mode");
    }
}
