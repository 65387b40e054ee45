package org.blockhost.provisioner.proxmox.internal.pve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.HttpsURLConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Proxmox VE REST API ({@code <url>/api2/json}) authenticated by an API token.
 * Answers are the {@code data} member of PVE's JSON envelope; a non-200 answer is a
 * {@link PveException} with PVE's status text and parameter errors. TLS is always verified
 * ({@link PveTls}); the token appears only in the {@code Authorization} header.
 */
public final class PveClient {
    private static final Logger LOG = LoggerFactory.getLogger(PveClient.class);
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private final String base;
    private final ApiToken token;
    private final PveTls tls;
    private final int timeoutMs;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code apiUrl} is {@code https://host:8006} (a trailing {@code /api2/json} is accepted). */
    public PveClient(URI apiUrl, ApiToken token, PveTls tls, int timeoutMs) {
        if (!"https".equals(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("apiUrl must be https://host[:port]");
        }
        String s = apiUrl.toString().replaceAll("/+$", "");
        this.base = s.endsWith("/api2/json") ? s : s + "/api2/json";
        this.token = token;
        this.tls = tls;
        this.timeoutMs = timeoutMs;
    }

    public JsonNode get(String path, Params query) throws PveException {
        return call("GET", path, query);
    }

    public JsonNode post(String path, Params form) throws PveException {
        return call("POST", path, form);
    }

    public JsonNode put(String path, Params form) throws PveException {
        return call("PUT", path, form);
    }

    public JsonNode delete(String path, Params query) throws PveException {
        return call("DELETE", path, query);
    }

    /** A file upload ({@code multipart/form-data}): the fields, then the file as part {@code fileField}. */
    public JsonNode upload(String path, Params fields, String fileField, java.nio.file.Path file) throws PveException {
        Multipart m = new Multipart(fields, fileField, file);
        return send("POST", path, "", m.contentType(), m::writeTo);
    }

    private JsonNode call(String method, String path, Params params) throws PveException {
        if (method.equals("POST") || method.equals("PUT")) {
            byte[] form = params.encode().getBytes(StandardCharsets.UTF_8);
            return send(method, path, "", "application/x-www-form-urlencoded", out -> out.write(form));
        }
        return send(method, path, params.isEmpty() ? "" : "?" + params.encode(), null, null);
    }

    /** Writes a request body. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private JsonNode send(String method, String path, String query, String contentType, Body body) throws PveException {
        LOG.debug("PVE {} {}", method, path);
        HttpsURLConnection c = null;
        try {
            c = open(new URI(base + path + query).toURL(), method);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                c.setChunkedStreamingMode(64 * 1024);
                try (OutputStream out = c.getOutputStream()) {
                    body.writeTo(out);
                }
            }
            int status = c.getResponseCode();
            byte[] bytes = read(status < 400 ? c.getInputStream() : c.getErrorStream());
            JsonNode root = bytes.length == 0 ? null : parse(bytes, status);
            if (status != HttpURLConnection.HTTP_OK) {
                throw new PveException(status, ErrorText.of(method, path, status, c.getResponseMessage(), root));
            }
            if (root == null || !root.has("data")) {
                throw new PveException(502, method + " " + path + ": answer without data");
            }
            return root.get("data");
        } catch (IOException | java.net.URISyntaxException e) {
            if (c != null) {
                c.disconnect();
            }
            throw new PveException(method + " " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private HttpsURLConnection open(URL url, String method) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
        c.setSSLSocketFactory(tls.factory());
        if (tls.verifier() != null) {
            c.setHostnameVerifier(tls.verifier());
        }
        c.setRequestMethod(method);
        c.setConnectTimeout(timeoutMs);
        c.setReadTimeout(timeoutMs);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        c.setRequestProperty("Authorization", token.header());
        c.setRequestProperty("Accept", "application/json");
        return c;
    }

    private JsonNode parse(byte[] bytes, int status) throws PveException {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            if (status != HttpURLConnection.HTTP_OK) {
                return null;
            }
            throw new PveException(502, "answer is not JSON");
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }
}
