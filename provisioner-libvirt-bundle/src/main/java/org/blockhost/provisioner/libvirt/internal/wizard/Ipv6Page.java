package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Map;

import org.blockhost.installer.api.SetupService;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The IPv6 page: none or a prefix, and the uplink when the prefix is on-link; errors inline under their field. */
final class Ipv6Page {
    private Ipv6Page() {
    }

    /** Without an uplink answer (tests, older callers). */
    static String render(String csrf, String value, String error, boolean saved) {
        return render(csrf, value, "", error == null ? Map.of() : Map.of("prefix", error), saved);
    }

    /** {@code errors} by field ({@code prefix}, {@code uplink}); empty when nothing is wrong. */
    static String render(String csrf, String value, String uplink, Map<String, String> errors, boolean saved) {
        boolean none = Ipv6Answer.NONE.equalsIgnoreCase(value);
        StringBuilder b = new StringBuilder(4096).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>IPv6 - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a class=\"bh-brand\""
                + " href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All setup steps</a></p>"
                + "<h1>IPv6 for the VMs</h1><p>Give every VM its own public IPv6 address: each one gets a /128 from a prefix"
                + " of this host. Without it VMs are reached over IPv4 only.</p>");
        if (saved) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"summary\">check the summary</a>.</p>");
        } else if (!errors.isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the field marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(csrf)).append("\"><fieldset><legend>IPv6 addresses for VMs</legend>")
                .append("<label><input type=\"radio\" name=\"mode\" value=\"none\"").append(none ? " checked" : "")
                .append("> None (IPv4 only)</label><label><input type=\"radio\" name=\"mode\" value=\"manual\"")
                .append(none ? "" : " checked").append("> A prefix of this host</label></fieldset>");
        field(b, "prefix", "IPv6 prefix", "Used when \"a prefix\" is chosen: like 2001:db8:1::/64, length 48 to 112, host"
                + " bits zero.", none ? "" : value, errors.get("prefix"));
        field(b, "uplink", "Uplink interface (optional)", "Only when your provider puts the prefix on the link of this"
                + " host instead of routing it here: the name of the interface towards the provider, like eth0. This host"
                + " then answers the provider's router for each VM's address (neighbour proxy). Leave it empty for a"
                + " routed prefix.", none ? "" : uplink, errors.get("uplink"));
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form></main></body></html>")
                .toString();
    }

    private static void field(StringBuilder b, String id, String label, String hint, String value, String error) {
        b.append("<label for=\"").append(id).append("\">").append(label).append("</label><p class=\"bh-hint\" id=\"")
                .append(id).append("-hint\">").append(Html.escape(hint)).append("</p><input id=\"").append(id)
                .append("\" name=\"").append(id).append("\" spellcheck=\"false\" autocomplete=\"off\" value=\"")
                .append(Html.escape(value == null ? "" : value)).append("\" aria-describedby=\"").append(id).append("-hint");
        if (error != null) {
            b.append(' ').append(id).append("-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"").append(id)
                    .append("-error\">").append(Html.escape(SetupService.withoutField(error))).append("</p>");
        } else {
            b.append("\">");
        }
    }
}
