package org.blockhost.core.internal.admin;

import java.util.Map;

import org.blockhost.installer.api.SetupService;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The "Admin commands" wizard page: on/off, knock ports, longest opening; errors inline per field. */
final class AdminCommandsPage {
    private AdminCommandsPage() {
    }

    static String render(String csrf, Map<String, String> values, Map<String, String> problems, boolean saved) {
        boolean on = !"off".equals(values.get(AdminAnswers.ENABLED));
        StringBuilder b = new StringBuilder(4096).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Admin commands - BlockHost"
                + " setup</title><link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\">"
                + "<a class=\"bh-brand\" href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">"
                + "All setup steps</a></p><h1>Admin commands</h1><p>The admin wallet can send this host encrypted commands"
                + " on chain. A <strong>knock</strong> opens the management ports below for one address for a while;"
                + " otherwise they stay closed to everyone (loopback and open connections excepted).</p>");
        if (saved) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"summary\">check the summary</a>.</p>");
        } else if (!problems.isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the fields marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(csrf)).append("\"><fieldset><legend>Management ports</legend>")
                .append("<label><input type=\"radio\" name=\"enabled\" value=\"on\"").append(on ? " checked" : "")
                .append("> Closed; open them with a knock from the admin wallet</label>")
                .append("<label><input type=\"radio\" name=\"enabled\" value=\"off\"").append(on ? "" : " checked")
                .append("> Left as they are (no base ruleset, admin commands off)</label></fieldset>");
        field(b, "ports", "Ports a knock opens", "Comma separated, like 22 or 22,8443 (SSH, and the admin console's port"
                + " to close it too). These ports are closed to everyone else.", values.get(AdminAnswers.PORTS),
                problems.get(AdminAnswers.PORTS));
        field(b, "maxTtl", "Longest opening (seconds)", "A knock asks for a duration; at most this, 1 to 3600.",
                values.get(AdminAnswers.MAX_TTL), problems.get(AdminAnswers.MAX_TTL));
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form></main></body></html>")
                .toString();
    }

    private static void field(StringBuilder b, String name, String label, String hint, String value, String error) {
        b.append("<label for=\"").append(name).append("\">").append(label).append("</label><p class=\"bh-hint\" id=\"")
                .append(name).append("-hint\">").append(Html.escape(hint)).append("</p><input id=\"").append(name)
                .append("\" name=\"").append(name).append("\" spellcheck=\"false\" autocomplete=\"off\" value=\"")
                .append(Html.escape(value == null ? "" : value)).append("\" aria-describedby=\"").append(name).append("-hint");
        if (error == null) {
            b.append("\">");
        } else {
            b.append(" ").append(name).append("-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"").append(name)
                    .append("-error\">").append(Html.escape(SetupService.withoutField(error))).append("</p>");
        }
    }
}
