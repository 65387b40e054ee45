package org.blockhost.web.internal.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Server-side sessions: random 256-bit ids, HttpOnly + SameSite=Strict cookies (Secure on HTTPS)
 * scoped to their surface's path, 1 hour idle. Signing in always makes a new id (rotation).
 */
public final class SessionStore {
    public static final Duration IDLE = Duration.ofHours(1);
    private static final int MAX_SESSIONS = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public SessionStore(Clock clock) {
        this.clock = clock;
    }

    /** The cookie name of a surface's session. */
    public static String cookieName(String surface) {
        return "bh_" + surface;
    }

    /** The caller's live session of this surface, touched; empty when none or idle too long. */
    public Optional<Session> find(HttpServletRequest req, String surface) {
        String id = cookie(req, cookieName(surface));
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || !s.surface().equals(surface)) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = s.touched(now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    /** Starts a session (dropping the caller's old one of this surface) and sets its cookie. */
    public Session start(HttpServletRequest req, HttpServletResponse resp, String surface, String path,
            String subject) {
        end(req, resp, surface, path);
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many sessions");
        }
        Session s = new Session(token(), surface, subject, token(), clock.instant());
        sessions.put(s.id(), s);
        resp.addHeader("Set-Cookie", cookieName(surface) + "=" + s.id() + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                + (req.isSecure() ? "; Secure" : ""));
        return s;
    }

    /** Ends the caller's session of this surface, if any, and clears its cookie. */
    public void end(HttpServletRequest req, HttpServletResponse resp, String surface, String path) {
        String id = cookie(req, cookieName(surface));
        if (id != null) {
            sessions.remove(id);
            resp.addHeader("Set-Cookie", cookieName(surface) + "=; Path=" + path
                    + "; Max-Age=0; HttpOnly; SameSite=Strict" + (req.isSecure() ? "; Secure" : ""));
        }
    }

    /** Ends every session of a surface (setup closed). */
    public void endAll(String surface) {
        sessions.values().removeIf(s -> s.surface().equals(surface));
    }

    /** Whether the presented token equals the session's CSRF token (constant time). */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(s.csrf().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(IDLE);
        sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && c.getValue() != null && c.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return c.getValue();
            }
        }
        return null;
    }
}
