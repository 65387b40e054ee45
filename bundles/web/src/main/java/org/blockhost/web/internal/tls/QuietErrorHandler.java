package org.blockhost.web.internal.tls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.internal.http.Headers;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page replaced: status and a fixed sentence, the security headers, never a stack
 * trace, servlet name or exception message (Jetty's own handler shows stacks by default).
 */
final class QuietErrorHandler implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        response.setStatus(status);
        boolean secure = request.isSecure();
        response.getHeaders().put("Content-Security-Policy", Headers.CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        if (secure) {
            response.getHeaders().put("Strict-Transport-Security", Headers.HSTS);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        String message = status == 404 ? "There is nothing at this address." : "The request could not be served.";
        byte[] body = ErrorPages.page(status, message).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
