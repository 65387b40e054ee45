package org.blockhost.web.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.blockhost.web.api.Html;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The platform's own error answers: a short HTML page or, under {@code /api/}, JSON. They never
 * carry exception text; {@code message} is a fixed sentence chosen by the caller.
 */
public final class ErrorPages {

    private ErrorPages() {
    }

    public static void write(HttpServletRequest req, HttpServletResponse resp, int status, String message)
            throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        String uri = req.getRequestURI();
        byte[] body;
        if (uri != null && uri.contains("/api/")) {
            resp.setContentType("application/json;charset=utf-8");
            body = ("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        } else {
            resp.setContentType("text/html;charset=utf-8");
            String page = page(status, message);
            if (status == 401 && uri != null && uri.startsWith("/admin/")) {
                page = page.replace("</main>", "<p><a href=\"/admin/\">Go to the admin sign-in</a></p></main>");
            }
            body = page.getBytes(StandardCharsets.UTF_8);
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** A complete HTML page for a status and a fixed message (escaped). */
    public static String page(int status, String message) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + status + " - BlockHost</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><main class=\"bh-page\"><h1>"
                + title(status) + "</h1><p>" + Html.escape(message) + "</p></main></body></html>";
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in needed";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 421 -> "Unknown host name";
            case 429 -> "Too many attempts";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
    }
}
