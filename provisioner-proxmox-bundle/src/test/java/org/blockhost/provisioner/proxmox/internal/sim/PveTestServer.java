package org.blockhost.provisioner.proxmox.internal.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A loopback HTTPS double of the Proxmox VE API for tests. Every request is checked against the
 * real API schema ({@link ApiSchema}): unknown path or method → 501/404, invalid or missing
 * parameters → 400 with PVE's {@code errors}; only then does the {@link SimCluster} act. Answers are
 * checked against the return schema; any violation is also recorded in {@link #violations()} so a
 * test can assert there were none. Token auth as PVE: {@code Authorization: PVEAPIToken=id=secret}.
 */
public final class PveTestServer implements AutoCloseable {
    public static final String TOKEN_ID = "blockhost@pve!provisioner";
    public static final String SECRET = "5f0c7e3a-9b1d-4c2e-8f6a-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();
    public final SimCluster cluster = new SimCluster();
    public final TestPki pki;
    private final ApiSchema schema;
    private final SimApi api;
    private final HttpsServer server;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> headers = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean tokenExpired;
    private volatile int failNextStatus;
    private volatile int failCount;

    static {
        // TCP_NODELAY on the double's sockets (read once per JVM by the JDK server): without it each
        // answer waits ~40 ms for a delayed ACK (headers and body are two writes)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public PveTestServer() throws Exception {
        this.schema = ApiSchema.load();
        this.pki = new TestPki("Proxmox Virtual Environment");
        this.api = new SimApi(cluster);
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The token is refused from now on (401), as after its expiry. */
    public void expireToken() {
        tokenExpired = true;
    }

    /** The next {@code count} requests answer this status (e.g. 500, 503). */
    public void failNext(int status, int count) {
        failNextStatus = status;
        failCount = count;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Forgets the violations a test provoked on purpose. */
    public void clearViolations() {
        violations.clear();
    }

    /** {@code METHOD /path?params} of every request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every Authorization header received (for the test that checks what was sent). */
    public List<String> authHeaders() {
        return List.copyOf(headers);
    }

    private synchronized void serve(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String raw = x.getRequestURI().getRawPath();
            byte[] raw0 = x.getRequestBody().readAllBytes();
            String type = String.valueOf(x.getRequestHeaders().getFirst("Content-Type"));
            Map<String, List<String>> params = new LinkedHashMap<>();
            parse(x.getRequestURI().getRawQuery(), params);
            String body = new String(raw0, StandardCharsets.UTF_8);
            byte[] file = null;
            if (type.startsWith("multipart/form-data; boundary=")) {
                file = MultipartForm.parse(raw0, type.substring(type.indexOf('=') + 1), params);
            } else {
                parse(body, params);
            }
            requests.add(method + " " + raw + (params.isEmpty() ? "" : " " + params));
            String auth = x.getRequestHeaders().getFirst("Authorization");
            headers.add(auth == null ? "" : auth);
            if (!raw.startsWith("/api2/json/")) {
                send(x, 404, null, "not the API");
                return;
            }
            if (!authorised(auth)) {
                send(x, 401, null, tokenExpired ? "token expired" : "invalid token value!");
                return;
            }
            if (failCount > 0) {
                failCount--;
                send(x, failNextStatus, null, "simulated failure");
                return;
            }
            if (("GET".equals(method) || "DELETE".equals(method)) && !body.isEmpty()) {
                violation(x, method + " " + raw + " has a body");
                return;
            }
            String path = decodePath(raw.substring("/api2/json".length()));
            Optional<ApiSchema.Endpoint> ep = schema.match(method, path);
            if (ep.isEmpty()) {
                violation(x, "no " + method + " " + path + " in the PVE API");
                return;
            }
            answer(x, method, ep.get(), params, tokenUser(), file);
        } catch (RuntimeException e) {
            violations.add("server error: " + e);
            send(x, 500, null, "test server error");
        }
    }

    private void answer(HttpExchange x, String method, ApiSchema.Endpoint ep, Map<String, List<String>> params, String user,
            byte[] file) throws IOException {
        if (ep.method().path("allowtoken").asInt(1) != 1) {
            send(x, 403, null, "Permission check failed (API tokens are not allowed here)");
            return;
        }
        Map<String, String> errors = schema.validate(ep, params);
        if (!errors.isEmpty()) {
            violations.add(method + " " + ep.template() + ": " + errors);
            send(x, 400, errors, "Parameter verification failed.");
            return;
        }
        try {
            JsonNode data = api.handle(method, ep, Typed.of(ep, params), user, file);
            List<String> bad = schema.checkReturn(ep, data);
            if (!bad.isEmpty()) {
                violations.add("answer of " + method + " " + ep.template() + ": " + bad);
            }
            byte[] out = JSON.writeValueAsBytes(JSON.createObjectNode().set("data", data));
            x.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            x.sendResponseHeaders(200, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        } catch (SimError e) {
            send(x, e.status, null, e.getMessage());
        }
    }

    private void violation(HttpExchange x, String what) throws IOException {
        violations.add(what);
        send(x, 501, null, "Method '" + what + "' not implemented");
    }

    private boolean authorised(String auth) {
        byte[] want = ("PVEAPIToken=" + TOKEN_ID + "=" + SECRET).getBytes(StandardCharsets.UTF_8);
        return !tokenExpired && auth != null && MessageDigest.isEqual(want, auth.getBytes(StandardCharsets.UTF_8));
    }

    private static String tokenUser() {
        return TOKEN_ID;
    }

    private static void send(HttpExchange x, int status, Map<String, String> errors, String message) throws IOException {
        ObjectNode o = JSON.createObjectNode().putNull("data").put("message", message + "\n");
        if (errors != null) {
            o.set("errors", JSON.valueToTree(errors));
        }
        byte[] out = JSON.writeValueAsBytes(o);
        x.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        x.sendResponseHeaders(status, out.length);
        try (OutputStream s = x.getResponseBody()) {
            s.write(out);
        }
    }

    private static void parse(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            into.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
    }

    private static String decodePath(String raw) {
        List<String> out = new ArrayList<>();
        for (String seg : raw.split("/", -1)) {
            out.add(URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return String.join("/", out);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
