package org.blockhost.provisioner.libvirt.internal.wizard;

import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The IPv6 page: none or a manual prefix, the error inline under the prefix field. */
final class Ipv6Page {
    private Ipv6Page() {
    }

    static String render(String csrf, String value, String error, boolean saved) {
        boolean none = Ipv6Answer.NONE.equalsIgnoreCase(value);
        StringBuilder b = new StringBuilder(2048).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>IPv6 - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a class=\"bh-brand\""
                + " href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All setup steps</a></p>"
                + "<h1>IPv6 for the VMs</h1><p>Give every VM its own public IPv6 address: each one gets a /128 from a prefix"
                + " routed to this host. Without it VMs are reached over IPv4 only.</p>");
        if (saved) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"summary\">check the summary</a>.</p>");
        } else if (error != null) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the field marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(csrf)).append("\"><fieldset><legend>IPv6 addresses for VMs</legend>")
                .append("<label><input type=\"radio\" name=\"mode\" value=\"none\"").append(none ? " checked" : "")
                .append("> None (IPv4 only)</label><label><input type=\"radio\" name=\"mode\" value=\"manual\"")
                .append(none ? "" : " checked").append("> A prefix routed to this host</label></fieldset>")
                .append("<label for=\"prefix\">IPv6 prefix</label><p class=\"bh-hint\" id=\"prefix-hint\">Used when"
                        + " \"a prefix\" is chosen: like 2001:db8:1::/64, length 48 to 112, host bits zero.</p>")
                .append("<input id=\"prefix\" name=\"prefix\" spellcheck=\"false\" autocomplete=\"off\" value=\"")
                .append(Html.escape(none ? "" : value)).append("\" aria-describedby=\"prefix-hint");
        if (error != null) {
            b.append(" prefix-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"prefix-error\">")
                    .append(Html.escape(error.replaceFirst("^field '[^']*'(: )?\\s*", ""))).append("</p>");
        } else {
            b.append("\">");
        }
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form></main></body></html>")
                .toString();
    }
}
