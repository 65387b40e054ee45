package org.blockhost.installer.internal.web;

import java.util.List;
import java.util.Map;

import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.web.api.Html;

/** The HTML of {@code /setup/network/bridge}: the VM bridge's uplink and name, the outcome or the plan in dev mode. */
final class BridgePage {
    private BridgePage() {
    }

    /** {@code outcome}: the sentence after a submission (null before), {@code ok} its kind; {@code current} the answered bridge. */
    record View(String csrfField, List<Interfaces.Nic> nics, Map<String, String> entered, Map<String, String> problems,
            String outcome, boolean ok, boolean dev, String current) {
    }

    static String body(View v) {
        StringBuilder b = new StringBuilder(2048).append("<p>Create the bridge the virtual machines connect to. The interface"
                + " you choose becomes the bridge's port, and its address and default route move to the bridge, so this"
                + " machine stays reachable at the same address. If the gateway then stops answering, everything is put back"
                + " by itself within a few seconds.</p>");
        if (v.dev()) {
            b.append("<p class=\"bh-info\">Dev mode: the page shows the plan and changes nothing.</p>");
        }
        if (v.current() != null) {
            b.append("<p class=\"bh-info\">VMs will connect to the bridge <code>").append(Html.escape(v.current())).append("</code>.</p>");
        }
        if (v.outcome() != null) {
            b.append("<p class=\"").append(v.ok() ? "bh-ok" : "bh-error").append("\" role=\"").append(v.ok() ? "status" : "alert")
                    .append("\" id=\"outcome\">").append(Html.escape(v.outcome())).append("</p>");
        } else if (!v.problems().isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was changed: correct the fields marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\">").append(v.csrfField()).append("<label for=\"uplink\">Uplink interface</label>"
                + "<p class=\"bh-hint\" id=\"uplink-hint\">The interface with this machine's address and default route.</p>"
                + "<select id=\"uplink\" name=\"uplink\" aria-describedby=\"uplink-hint\">");
        for (Interfaces.Nic nic : v.nics()) {
            if (!nic.loopback()) {
                b.append("<option").append(nic.name().equals(v.entered().get("uplink")) ? " selected" : "").append('>')
                        .append(Html.escape(nic.name())).append("</option>");
            }
        }
        b.append("</select>");
        String error = v.problems().get("bridge");
        b.append("<label for=\"bridge\">Bridge name</label><p class=\"bh-hint\" id=\"bridge-hint\">br or vmbr and a number, like"
                + " br0.</p><input id=\"bridge\" name=\"bridge\" class=\"bh-mono\" spellcheck=\"false\" autocomplete=\"off\" value=\"")
                .append(Html.escape(v.entered().getOrDefault("bridge", "br0"))).append("\" aria-describedby=\"bridge-hint");
        if (error != null) {
            b.append(" bridge-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"bridge-error\">").append(Html.escape(error))
                    .append("</p>");
        } else {
            b.append("\">");
        }
        return b.append("<button type=\"submit\" class=\"bh-primary\">").append(v.dev() ? "Show the plan" : "Create the bridge")
                .append("</button></form><p><a href=\"../network\">Back to the network page</a></p>").toString();
    }
}
