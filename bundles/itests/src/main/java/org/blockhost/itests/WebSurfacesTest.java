package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.web.api.SetupGate;
import org.blockhost.web.api.Surfaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The web surfaces' rules over real HTTP: setup code, 404 after setup, CSRF/Origin, Host, headers, no stacks. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class WebSurfacesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    SetupGate gate;

    @InjectService
    FinalizationStatus status;

    private Harness harness;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @BeforeEach
    void setUp() {
        harness = new Harness(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        harness.close();
    }

    @Test
    void setupPagesNeedTheSetupCode() throws Exception {
        if (!gate.open()) {
            gate.reopen();
        }
        HttpResponse<String> page = harness.get("/setup/");
        assertEquals(303, page.statusCode(), "no session: to the code form");
        assertEquals("/setup/login", page.headers().firstValue("Location").orElse(""));
        assertEquals(401, harness.get("/setup/api/steps").statusCode());
        assertEquals(401, harness.get("/setup/api/finalization").statusCode());
        assertEquals(200, harness.get("/setup/login").statusCode());
        String code = gate.newCode();
        String wrong = code.equals("AAAAAA") ? "BBBBBB" : "AAAAAA";
        HttpResponse<String> refused = harness.login(wrong);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("Set-Cookie").isEmpty(), "no session for a wrong code");
        HttpResponse<String> accepted = harness.login(code.toLowerCase());
        assertEquals(303, accepted.statusCode(), accepted.body());
        String cookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/setup"), cookie);
        assertTrue(cookie.split(";")[0].split("=", 2)[1].length() >= 43, "256-bit session id: " + cookie);
        HttpResponse<String> steps = harness.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/setup/api/steps"))
                .header("Cookie", cookie.split(";")[0]).build());
        assertEquals(200, steps.statusCode());
    }

    @Test
    void tenWrongCodesMakeANewCode() throws Exception {
        if (!gate.open()) {
            gate.reopen();
        }
        String code = gate.newCode();
        String wrong = code.startsWith("A") ? "BBBBBB" : "AAAAAA";
        for (int i = 0; i < 10; i++) {
            assertEquals(401, harness.login(wrong).statusCode());
        }
        assertEquals(401, harness.login(code).statusCode(), "the old code stopped working after 10 wrong tries");
    }

    @Test
    void aCrossOriginPostAndAMissingCsrfTokenAreRefused() throws Exception {
        harness.setupSession();
        HttpRequest.Builder foreign = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example").header("X-CSRF-Token", harness.csrf());
        assertEquals(403, harness.send(foreign.build()).statusCode(), "foreign Origin");
        HttpRequest.Builder nullCrossSite = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", "null").header("Sec-Fetch-Site", "cross-site").header("X-CSRF-Token", harness.csrf());
        assertEquals(403, harness.send(nullCrossSite.build()).statusCode(), "Origin null from another site");
        HttpRequest.Builder nullUnknown = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", "null").header("X-CSRF-Token", harness.csrf());
        assertEquals(403, harness.send(nullUnknown.build()).statusCode(), "Origin null without Sec-Fetch-Site");
        HttpRequest.Builder noOrigin = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("X-CSRF-Token", harness.csrf());
        assertEquals(403, harness.send(noOrigin.build()).statusCode(), "no Origin");
        HttpRequest.Builder noToken = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", harness.baseUrl());
        assertEquals(403, harness.send(noToken.build()).statusCode(), "no CSRF token");
        HttpRequest.Builder badToken = harness.request("/setup/api/finalization").POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", harness.baseUrl()).header("X-CSRF-Token", (harness.csrf().startsWith("x") ? "y" : "x") + harness.csrf().substring(1));
        assertEquals(403, harness.send(badToken.build()).statusCode(), "wrong CSRF token");
        HttpResponse<String> loginFromElsewhere = harness.send(HttpRequest.newBuilder(URI.create(harness.baseUrl()
                + "/setup/login")).header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + gate.newCode())).build());
        assertEquals(403, loginFromElsewhere.statusCode(), "login CSRF");
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        int port = URI.create(harness.baseUrl()).getPort();
        if (!gate.open()) {
            gate.reopen();
        }
        for (String path : List.of("/setup/login", "/ready", "/health", "/metrics")) {
            assertTrue(raw(port, path, "rebind.evil.example").startsWith("HTTP/1.1 421"), path);
            assertFalse(raw(port, path, "localhost:" + port).startsWith("HTTP/1.1 421"), path);
        }
    }

    @Test
    void setupIs404AfterSetupCompletesUntilReopened() throws Exception {
        gate.close(); // ends a reopen by an earlier test; stays open while setup is not complete
        if (gate.open()) {
            harness.setupSession();
            harness.install("provisioner");
            harness.install("engine");
            Harness.awaitChecked("steps registered", WAIT, () -> status.steps().size() >= 3);
            HttpResponse<String> run = harness.post("/setup/api/finalization");
            assertTrue(run.statusCode() == 202 || run.statusCode() == 409, run.body());
            Harness.await("setup complete", WAIT, status::complete);
        }
        Harness.awaitChecked("/setup gone", WAIT, () -> harness.get("/setup/").statusCode() == 404);
        assertFalse(gate.open());
        for (String path : List.of("/setup/login", "/setup/api/finalization", "/setup/test-engine", "/setup/api/session")) {
            HttpResponse<String> gone = harness.get(path);
            assertEquals(404, gone.statusCode(), path);
            assertNoLeak(gone);
            assertHeaders(gone);
        }
        assertEquals(404, harness.login("ABCDEF").statusCode());
        harness.setupSession();
        assertTrue(gate.open());
        assertEquals(200, harness.get("/setup/").statusCode(), "reopened");
        gate.close();
        assertEquals(404, harness.get("/setup/").statusCode(), "closed again");
    }

    @Test
    void aServletThatThrowsNeverShowsAStackTrace() throws Exception {
        harness.setupSession();
        Map<String, String> contexts = Map.of("/boom-public", Surfaces.PUBLIC_SELECT, "/boom-ops", Surfaces.OPS_SELECT,
                "/boom-setup", Surfaces.SETUP_SELECT, "/boom-default", "(osgi.http.whiteboard.context.name=default)");
        for (Map.Entry<String, String> e : contexts.entrySet()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, e.getValue());
            props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, e.getKey());
            registrations.add(context.registerService(Servlet.class, new Thrower(), props));
        }
        for (String path : List.of("/boom-public", "/boom-ops", "/setup/boom-setup", "/boom-default")) {
            Harness.awaitChecked(path + " registered", WAIT, () -> harness.get(path).statusCode() == 500);
            HttpResponse<String> r = harness.get(path);
            assertEquals(500, r.statusCode(), path);
            assertNoLeak(r);
            assertHeaders(r);
        }
    }

    @Test
    void corePublicPurchaseLookupIsWiredToTheStore() throws Exception {
        String unseen = "/api/public/purchase/tx/0x" + "ab".repeat(32);
        Harness.awaitChecked(unseen + " registered", WAIT, () -> harness.get(unseen).body().contains("not seen on chain yet"));
        HttpResponse<String> r = harness.get(unseen); // PurchaseServlet, its injected lookup, the migrated store's index
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(harness.get("/api/public/purchase/tx/xyz").body().contains("no such purchase"));
    }

    @Test
    void aServletWithoutASurfaceStillRefusesAForeignHost() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/plain-default");
        registrations.add(context.registerService(Servlet.class, new Plain(), props));
        int port = URI.create(harness.baseUrl()).getPort();
        Harness.awaitChecked("/plain-default registered", WAIT, () -> harness.get("/plain-default").statusCode() == 200);
        String foreign = raw(port, "/plain-default", "rebind.evil.example");
        assertTrue(foreign.startsWith("HTTP/1.1 421"), foreign);
        assertFalse(foreign.contains("plain-default-body"), foreign);
        assertTrue(foreign.contains("Content-Security-Policy"), foreign);
        assertTrue(raw(port, "/plain-default", "localhost:" + port).contains("plain-default-body"));
    }

    @Test
    void tooManyRequestsFromOneAddressGet429WithRetryAfter() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, Surfaces.PUBLIC_SELECT);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/public/echo");
        registrations.add(context.registerService(Servlet.class, new Plain(), props));
        Harness.awaitChecked("/api/public/echo registered", WAIT, () -> harness.get("/api/public/echo").statusCode() == 200);
        if (!gate.open()) {
            gate.reopen();
        }
        // the itests run in dev mode, where loopback is exempt: limit it like any other client
        Harness.configureWeb(context, Map.of("rateLimit", 1, "rateBurst", 3, "signInRateLimit", 1, "signInBurst", 2,
                "devLoopbackExempt", false), "signInBurst");
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, harness.get("/api/public/echo").statusCode(), "within the burst");
            }
            HttpResponse<String> json = harness.get("/api/public/echo");
            assertEquals(429, json.statusCode());
            long retry = Long.parseLong(json.headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
            assertTrue(json.body().startsWith("{\"error\":\"Too many requests"), json.body());
            assertEquals(200, harness.get("/admin/").statusCode(), "page views are not limited");
            assertTrue(harness.get("/admin/api/nonce").statusCode() != 429, "the sign-in bucket is separate");
            assertTrue(harness.login("AAAAAA").statusCode() != 429);
            HttpResponse<String> page = harness.login("AAAAAA");
            assertEquals(429, page.statusCode(), "sign-in endpoints share a tighter bucket");
            assertTrue(page.headers().firstValue("Retry-After").isPresent());
            assertTrue(page.body().contains("<h1>Too many attempts</h1>") && page.body().contains("Wait "), page.body());
            assertHeaders(page);
            assertNoLeak(page);
            assertEquals(429, harness.get("/admin/api/nonce").statusCode());
        } finally {
            Harness.configureWeb(context, Map.of("devLoopbackExempt", true), "devLoopbackExempt");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(200, harness.get("/api/public/echo").statusCode(), "loopback exempt again in dev mode");
        }
    }

    @Test
    void everyHtmlPageCarriesTheSecurityHeaders() throws Exception {
        harness.setupSession();
        for (String path : List.of("/setup/", "/setup/login", "/nothing-here", "/admin/anything", "/ready")) {
            HttpResponse<String> r = harness.get(path);
            assertHeaders(r);
            assertNoLeak(r);
        }
    }

    private static void assertNoLeak(HttpResponse<String> r) {
        String body = r.body();
        for (String leak : List.of("at org.", "at java.", "Exception", "secret-internal-detail", "Caused by", "Servlet")) {
            assertFalse(body.contains(leak), "response leaks '" + leak + "': " + body);
        }
    }

    private static void assertHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"), r.uri() + " " + r.statusCode() + ": " + csp + " " + r.headers().map());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), r.uri().toString());
    }

    /** A raw HTTP/1.1 GET with a chosen Host header (the JDK client will not send a foreign one). */
    private static String raw(int port, String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Answers 200 with a fixed body. */
    static final class Plain extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("plain-default-body");
        }
    }

    /** Throws with an internal detail that must never reach the client. */
    static final class Thrower extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("secret-internal-detail /var/lib/blockhost/blockhost.db");
        }
    }
}
