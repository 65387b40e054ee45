package org.blockhost.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.blockhost.web.api.Surfaces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** JSON in and out for the admin API, and who is calling. Error messages are fixed sentences. */
final class Api {
    static final int MAX_BODY = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request the API refuses with 400 and a fixed message. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private Api() {
    }

    static void send(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        send(resp, status, Map.of("error", message));
    }

    /** The signed-in admin's wallet (set by the admin context). */
    static String wallet(HttpServletRequest req) {
        Object subject = req.getAttribute(Surfaces.SUBJECT_ATTRIBUTE);
        return subject == null ? "unknown" : subject.toString();
    }

    /** The actor core records: the wallet and the source address. */
    static String actor(HttpServletRequest req) {
        return "admin " + wallet(req) + " from " + req.getRemoteAddr();
    }

    /** The path below the servlet's pattern, split at '/', without empty parts. */
    static List<String> segments(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null ? List.of() : Arrays.stream(info.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The request's JSON object (empty body: empty map); at most {@value #MAX_BODY} bytes. */
    static Map<String, Object> body(HttpServletRequest req) throws IOException, BadRequest {
        return body(req, MAX_BODY);
    }

    /** The request's JSON object (empty body: empty map); at most {@code limit} bytes. */
    static Map<String, Object> body(HttpServletRequest req, int limit) throws IOException, BadRequest {
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new BadRequest("The request is too large.");
        }
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> m = JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            if (m == null) {
                throw new BadRequest("Send a JSON object.");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new BadRequest("Send a JSON object.");
        }
    }
}
