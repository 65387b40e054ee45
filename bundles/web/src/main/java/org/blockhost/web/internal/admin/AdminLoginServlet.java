package org.blockhost.web.internal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.engine.api.Engine;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.internal.http.Origins;
import org.blockhost.web.internal.surface.AdminContext;
import org.blockhost.web.internal.surface.WebPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Admin wallet sign-in. {@code GET /admin/api/nonce[?address=A]} → {@code {"nonce"}} (plus the
 * engine's {@code chainId} and A in canonical form as {@code address}); {@code POST
 * /admin/api/login {"message","signature"}}: the EIP-4361 message (strict parser) with a nonce
 * from here (single use, 5 minutes), {@link SignInCheck}, the signer recovered by the active
 * engine and equal to the message's address → 200 + a new admin session when the signer holds the
 * admin credential (token #0; the engine caches it at most 60 s), 403 when it does not, 401 otherwise.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/nonce", "/api/login"})
public final class AdminLoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminLoginServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 8192;
    private final transient WebPolicy policy;
    private final transient Nonces nonces = new Nonces(Clock.systemUTC());
    private final transient ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-admin-signin");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Engine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile AuditTrail audit;

    @Activate
    public AdminLoginServlet(@Reference WebPolicy policy) {
        this.policy = policy;
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/api/nonce".equals(req.getServletPath())) {
            ErrorPages.write(req, resp, 405, "Use POST.");
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("nonce", nonces.issue());
        Engine active = engine;
        String address = req.getParameter("address");
        if (active != null) {
            active.chainId().ifPresent(id -> body.put("chainId", id));
            if (address != null && address.length() <= 128) {
                try { // the canonical (EIP-55 for EVM) form the sign-in message must carry
                    body.put("address", active.addressFormat().normalise(address));
                } catch (RuntimeException e) {
                    ErrorPages.write(req, resp, 400, "That is not a wallet address.");
                    return;
                }
            }
        }
        json(resp, 200, body);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/api/login".equals(req.getServletPath())) {
            ErrorPages.write(req, resp, 405, "Use GET.");
            return;
        }
        Engine active = engine;
        if (active == null) {
            ErrorPages.write(req, resp, 503, "No chain engine is active: wallet sign-in is unavailable.");
            return;
        }
        JsonNode body = body(req);
        String text = body == null ? null : body.path("message").asText(null);
        String signature = body == null ? null : body.path("signature").asText(null);
        if (text == null || signature == null || !signature.matches("0x[0-9a-fA-F]{130}")) {
            ErrorPages.write(req, resp, 401, "Send the signed sign-in message and its signature.");
            return;
        }
        String signer = verify(req, active, text, signature);
        if (signer == null) {
            ErrorPages.write(req, resp, 401, "The sign-in message or its signature is not valid: ask for a new one.");
            return;
        }
        Optional<String> admin;
        try {
            admin = fenced(() -> active.credentials().adminHolder()); // the engine caches it at most 60 s
        } catch (Exception e) {
            LOG.warn("admin sign-in: cannot read the admin credential's holder: {}", e.toString());
            ErrorPages.write(req, resp, 503, "The chain cannot be reached to check the admin credential; try again.");
            return;
        }
        if (admin.isEmpty() || !same(active, admin.get(), signer)) {
            audit(req, signer, "admin.signin.refused", "does not hold the admin credential");
            ErrorPages.write(req, resp, 403, "This wallet does not hold the admin credential.");
            return;
        }
        var session = policy.sessions().start(req, resp, AdminContext.SURFACE, req.getContextPath(), signer);
        audit(req, signer, "admin.signin", "signed in");
        json(resp, 200, Map.of("address", signer, "csrf", session.csrf()));
    }

    /** Sign-ins by a proven wallet go to the audit trail (with the source address) when core runs. */
    private void audit(HttpServletRequest req, String wallet, String action, String outcome) {
        AuditTrail trail = audit;
        if (trail == null) {
            return;
        }
        try {
            trail.record(wallet, "admin console", action, outcome + " (from " + req.getRemoteAddr() + ")");
        } catch (RuntimeException e) {
            LOG.warn("admin sign-in not audited: {}", e.getMessage());
        }
    }

    /** The signer when every check passes; null otherwise (the nonce is used up either way). */
    private String verify(HttpServletRequest req, Engine active, String text, String signature) {
        SiweMessage m;
        try {
            m = SiweMessage.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
        if (!nonces.consume(m.nonce())) {
            return null;
        }
        String problem = SignInCheck.problem(m, req.getHeader("Host"), Origins.own(req),
                host -> policy.hosts().allowed(host, false),
                active.chainId(), java.time.Instant.now());
        if (problem != null) {
            LOG.info("admin sign-in refused: {}", problem);
            return null;
        }
        try {
            String signer = fenced(() -> active.recoverSigner(text, signature));
            return same(active, signer, m.address()) ? signer : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean same(Engine engine, String a, String b) {
        try {
            return engine.addressFormat().normalise(a).equals(engine.addressFormat().normalise(b));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A call into the engine plugin: bounded in time, its exceptions never reach the client. */
    private <T> T fenced(java.util.concurrent.Callable<T> call) throws Exception {
        Future<T> f = calls.submit(call);
        try {
            return f.get(15, TimeUnit.SECONDS);
        } finally {
            f.cancel(true);
        }
    }

    private static JsonNode body(HttpServletRequest req) throws IOException {
        byte[] raw = req.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
