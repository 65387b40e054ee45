package org.blockhost.web.internal.surface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.blockhost.web.internal.http.RootPage;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The public surface's root page while no engine's buy page is there: "not selling servers yet, come back later".
 * Registered and withdrawn by {@link NotSellingGate}, for the context root only, so every other path still falls
 * through to the contexts behind the public one. The same words whatever the setup state, and no link: a visitor
 * learns nothing about the host.
 */
final class NotSellingPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final byte[] PAGE = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Not selling servers yet - BlockHost</title><link rel=\"stylesheet\" href=\"/kit/kit.css\"></head>"
            + "<body><header class=\"bh-header\"><span class=\"bh-brand\">BlockHost</span></header>"
            + "<main class=\"bh-page\"><h1>No servers for sale here yet</h1>"
            + "<p>This host is not selling servers at the moment. Please come back later.</p>"
            + "<p class=\"bh-hint\">When it opens, this page is where you choose a plan and pay from your wallet.</p>"
            + "</main></body></html>").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RootPage.serve(req, resp, PAGE);
    }
}
