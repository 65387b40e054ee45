package org.blockhost.installer.internal.web;

import java.util.List;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.web.api.Html;

/** The Network page's content: the public host question, what it is used for, the interfaces. */
final class NetworkPage {
    private NetworkPage() {
    }

    static String body(String csrfField, String host, String error, boolean saved, boolean dev, List<Interfaces.Nic> nics) {
        StringBuilder b = new StringBuilder(4096).append("<p>The name or address buyers use to reach this host. Setup"
                + " puts it in the HTTPS certificate and the host names this server answers, in every VM's"
                + " connection details (sent encrypted in its NFT) and in the guests' wallet login.</p>");
        if (saved) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"summary\">check the summary</a>.</p>");
        } else if (error != null) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the field marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\">").append(csrfField)
                .append("<label for=\"publicHost\">Public host name or IP address</label><p class=\"bh-hint\" id=\"publicHost-hint\">")
                .append(dev ? "A DNS name such as vm.example.com or an IP address. Dev mode: localhost is accepted."
                        : "A DNS name such as vm.example.com that points to this machine, or its public IP address.")
                .append("</p><input id=\"publicHost\" name=\"publicHost\" autocomplete=\"off\" spellcheck=\"false\" value=\"")
                .append(Html.escape(host)).append("\" aria-describedby=\"publicHost-hint");
        if (error != null) {
            b.append(" publicHost-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"publicHost-error\">")
                    .append(Html.escape(SetupService.withoutField(error))).append("</p>");
        } else {
            b.append("\">");
        }
        b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form>");
        return interfaces(b, dev, nics).toString();
    }

    private static StringBuilder interfaces(StringBuilder b, boolean dev, List<Interfaces.Nic> nics) {
        b.append("<section aria-labelledby=\"nics\"><h2 id=\"nics\">This machine's interfaces</h2><p class=\"bh-info\">")
                .append(dev ? "Dev mode: this is the plan only; setup changes nothing on this machine's network."
                        : "Shown for reference.")
                .append(" <a href=\"network/interfaces\">Choose DHCP or a static address for an interface</a>."
                        + " <a href=\"network/bridge\">Create the VM bridge</a>.")
                .append("</p><div class=\"bh-table-wrap\"><table><thead><tr><th scope=\"col\">Interface</th>"
                        + "<th scope=\"col\">State</th><th scope=\"col\">Addresses</th></tr></thead><tbody>");
        for (Interfaces.Nic nic : nics) {
            b.append("<tr><th scope=\"row\">").append(Html.escape(nic.name())).append("</th><td>")
                    .append(nic.up() ? "up" : "down").append(nic.loopback() ? " (loopback)" : "").append("</td><td>");
            for (String a : nic.addresses()) {
                b.append("<code>").append(Html.escape(a)).append("</code> ");
            }
            b.append(nic.addresses().isEmpty() ? "none" : "").append("</td></tr>");
        }
        return b.append("</tbody></table></div></section>");
    }
}
