package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.blockhost.web.api.Surfaces;
import org.blockhost.web.api.Html;

/** The frame of the installer's own pages in the UI kit's look: header, step bar, content column. */
final class WizardPage {
    private WizardPage() {
    }

    /** A whole page; {@code body} is trusted HTML, {@code script} a module path or null. */
    static String frame(String base, List<StepRegistry.Step> steps, String current, String title, String body,
            String script) {
        StringBuilder html = new StringBuilder(4096).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(Html.escape(title)).append(" - BlockHost setup</title>"
                        + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body>"
                        + "<header class=\"bh-header\"><a class=\"bh-brand\" href=\"").append(Html.escape(base))
                .append("/\">BlockHost setup</a></header><main class=\"bh-page\">"
                        + "<nav aria-label=\"Setup steps\"><ol class=\"bh-steps\">");
        for (StepRegistry.Step step : steps) {
            html.append("<li").append(step.id().equals(current) ? " aria-current=\"step\"" : "").append("><a href=\"")
                    .append(Html.escape(base + step.path())).append("\">").append(Html.escape(step.title())).append("</a></li>");
        }
        html.append("</ol></nav><h1>").append(Html.escape(title)).append("</h1>").append(body).append("</main>");
        if (script != null) {
            html.append("<script type=\"module\" src=\"").append(Html.escape(base + script)).append("\"></script>");
        }
        return html.append("</body></html>").toString();
    }

    static void write(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(html);
    }

    /** The hidden CSRF field for a form. */
    static String csrf(HttpServletRequest req) {
        Object token = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        return "<input type=\"hidden\" name=\"" + Surfaces.CSRF_FIELD + "\" value=\""
                + Html.escape(token == null ? "" : token.toString()) + "\">";
    }

    /** A duration in words: "0.4 s", "12 s", "3 min 5 s". */
    static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
