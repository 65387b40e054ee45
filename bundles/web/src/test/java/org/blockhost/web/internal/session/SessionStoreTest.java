package org.blockhost.web.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.web.internal.TestClock;
import org.junit.jupiter.api.Test;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class SessionStoreTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T00:00:00Z"));
    private final SessionStore store = new SessionStore(clock);

    @Test
    void cookiesAreHttpOnlyStrictAndSecureOnHttpsAndIdsAre256Bits() {
        List<String> setCookies = new ArrayList<>();
        Session s = store.start(request(null, true), response(setCookies), "admin", "/admin", "0xabc");
        assertEquals(43, s.id().length(), "32 random bytes, base64url");
        assertEquals(43, s.csrf().length());
        assertNotEquals(s.id(), s.csrf());
        assertEquals("bh_admin=" + s.id() + "; Path=/admin; HttpOnly; SameSite=Strict; Secure", setCookies.get(0));
        store.start(request(null, false), response(setCookies), "setup", "/setup", "operator");
        assertFalse(setCookies.get(1).contains("Secure"), "no Secure flag on plain HTTP (dev without TLS)");
    }

    @Test
    void signingInAgainRotatesTheIdAndTheOldOneStopsWorking() {
        Session first = store.start(request(null, true), response(new ArrayList<>()), "admin", "/admin", "0xabc");
        Session second = store.start(request(first.id(), true), response(new ArrayList<>()), "admin", "/admin", "0xabc");
        assertNotEquals(first.id(), second.id());
        assertTrue(store.find(request(first.id(), true), "admin").isEmpty());
        assertTrue(store.find(request(second.id(), true), "admin").isPresent());
        assertTrue(store.find(request(second.id(), true), "setup").isEmpty(), "a session belongs to one surface");
    }

    @Test
    void anHourIdleEndsASessionAndUseKeepsItAlive() {
        Session s = store.start(request(null, true), response(new ArrayList<>()), "setup", "/setup", "operator");
        clock.advance(Duration.ofMinutes(59));
        assertTrue(store.find(request(s.id(), true), "setup").isPresent());
        clock.advance(Duration.ofMinutes(59));
        assertTrue(store.find(request(s.id(), true), "setup").isPresent(), "used 59 minutes ago");
        clock.advance(Duration.ofMinutes(61));
        assertTrue(store.find(request(s.id(), true), "setup").isEmpty(), "idle for more than an hour");
        assertTrue(SessionStore.csrfMatches(s, s.csrf()));
        assertFalse(SessionStore.csrfMatches(s, null));
        assertFalse(SessionStore.csrfMatches(s, s.csrf().substring(1) + "x"));
    }

    private static HttpServletRequest request(String sessionId, boolean secure) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionStoreTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> sessionId == null ? null
                            : new Cookie[] {new Cookie("bh_admin", sessionId), new Cookie("bh_setup", sessionId)};
                    case "isSecure" -> secure;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response(List<String> setCookies) {
        return (HttpServletResponse) Proxy.newProxyInstance(SessionStoreTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if ("addHeader".equals(method.getName()) && "Set-Cookie".equals(args[0])) {
                        setCookies.add((String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
