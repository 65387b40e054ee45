package org.blockhost.installer.internal.web;

import java.util.List;
import java.util.Map;

import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.web.api.Html;

/** The HTML of {@code /setup/network/interfaces}: DHCP or a static IPv4 setting, its outcome or the plan in dev mode. */
final class InterfacesPage {
    private InterfacesPage() {
    }

    /** {@code outcome}: the sentence after a submission (null before), {@code ok} its kind. */
    record View(String csrfField, List<Interfaces.Nic> nics, Map<String, String> entered, Map<String, String> problems,
            String outcome, boolean ok, boolean dev) {
    }

    static String body(View v) {
        StringBuilder b = new StringBuilder(2048).append("<p>Choose how one of this machine's interfaces gets its IPv4"
                + " address: from DHCP, or a static address you enter. The change is applied at once; if no address comes or"
                + " the gateway then stops answering, the previous settings come back by themselves within a few seconds.</p>");
        if (v.dev()) {
            b.append("<p class=\"bh-info\">Dev mode: the page shows the plan and applies nothing.</p>");
        }
        if (v.outcome() != null) {
            b.append("<p class=\"").append(v.ok() ? "bh-ok" : "bh-error").append("\" role=\"").append(v.ok() ? "status" : "alert")
                    .append("\" id=\"outcome\">").append(Html.escape(v.outcome())).append("</p>");
        } else if (!v.problems().isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was changed: correct the fields marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\">").append(v.csrfField()).append("<label for=\"device\">Interface</label>"
                + "<select id=\"device\" name=\"device\">");
        for (Interfaces.Nic nic : v.nics()) {
            if (!nic.loopback()) {
                b.append("<option").append(nic.name().equals(v.entered().get("device")) ? " selected" : "").append('>')
                        .append(Html.escape(nic.name())).append("</option>");
            }
        }
        b.append("</select>");
        boolean dhcp = "dhcp".equals(v.entered().get("mode"));
        b.append("<fieldset><legend>Address</legend><label><input type=\"radio\" name=\"mode\" value=\"dhcp\"")
                .append(dhcp ? " checked" : "").append("> From DHCP (the fields below are not used)</label>"
                + "<label><input type=\"radio\" name=\"mode\" value=\"static\"").append(dhcp ? "" : " checked")
                .append("> Static, as entered below</label></fieldset>");
        field(b, v, "address", "IPv4 address", "Like 192.0.2.10.");
        field(b, v, "prefix", "Prefix length", "24 is 255.255.255.0.");
        field(b, v, "gateway", "Gateway", "The router in the same subnet, like 192.0.2.1.");
        field(b, v, "dns", "DNS servers (optional)", "Up to four, separated by commas.");
        return b.append("<button type=\"submit\" class=\"bh-primary\">").append(v.dev() ? "Show the plan" : "Apply")
                .append("</button></form><p><a href=\"../network\">Back to the network page</a></p>").toString();
    }

    private static void field(StringBuilder b, View v, String name, String label, String hint) {
        String error = v.problems().get(name);
        b.append("<label for=\"").append(name).append("\">").append(label).append("</label><p class=\"bh-hint\" id=\"").append(name)
                .append("-hint\">").append(hint).append("</p><input id=\"").append(name).append("\" name=\"").append(name)
                .append("\" class=\"bh-mono\" spellcheck=\"false\" autocomplete=\"off\" value=\"")
                .append(Html.escape(v.entered().getOrDefault(name, ""))).append("\" aria-describedby=\"").append(name).append("-hint");
        if (error != null) {
            b.append(' ').append(name).append("-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"").append(name)
                    .append("-error\">").append(Html.escape(error)).append("</p>");
        } else {
            b.append("\">");
        }
    }
}
