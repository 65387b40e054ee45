package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.internal.finalize.Json;
import org.blockhost.web.api.Html;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How every setup page answers a save the setup service refused after the page's check ({@link SetupChangedException}):
 * 400 with the exception's sentence, as {@code {"error"}} to a JSON request and else as a wizard page with a link back
 * to the page. The one place this refusal is handled; pages need not catch it.
 */
final class SetupChangedAnswer {
    private SetupChangedAnswer() {
    }

    /** The refusal in {@code failure} or its causes, if it is one. */
    static Optional<SetupChangedException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SetupChangedException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Writes the 400 (the buffer already reset); nothing when the response is committed. */
    static void write(HttpServletRequest req, HttpServletResponse resp, List<StepRegistry.Step> steps,
            SetupChangedException e) throws IOException {
        String sentence = "Nothing was saved. " + e.sentence();
        if (json(req)) {
            resp.setStatus(400);
            resp.setContentType("application/json;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            text(resp, Json.MAPPER.writeValueAsString(Map.of("error", sentence)));
            return;
        }
        String body = "<p class=\"bh-error\" role=\"alert\" id=\"outcome\">" + Html.escape(sentence) + "</p><p><a href=\""
                + Html.escape(req.getRequestURI()) + "\">Back to the page</a></p>";
        resp.setStatus(400);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        text(resp, WizardPage.frame(req.getContextPath(), steps, "", "Not saved", body, null));
    }

    private static boolean json(HttpServletRequest req) {
        String type = String.valueOf(req.getContentType());
        String accept = String.valueOf(req.getHeader("Accept"));
        return type.startsWith("application/json") || (accept.contains("application/json") && !accept.contains("text/html"));
    }

    /** Through whichever of the writer and the stream the page did not take already. */
    private static void text(HttpServletResponse resp, String text) throws IOException {
        try {
            resp.getWriter().write(text);
        } catch (IllegalStateException streamTaken) {
            resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
