package org.blockhost.provisioner.proxmox.internal.wizard;

import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.vm.ClusterChoices;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The Proxmox VE wizard page: every value HTML-escaped; the token secret is never written back. */
final class ProxmoxPage {
    /** Chosen until the operator picks: the configuration's defaults, when the cluster reports them. */
    private static final Map<String, String> PRESELECTED = Map.of(ProxmoxForm.NODE, ProxmoxForm.ALL_NODES,
            ProxmoxForm.STORAGE, "local-lvm", ProxmoxForm.BRIDGE, "vmbr0");
    /**
     * @param choices what the API reported on "Check" (null before)
     * @param secretStored whether a key file holds a secret already
     */
    record View(String csrf, Map<String, String> values, Map<String, String> errors, ClusterChoices choices,
            boolean secretStored, boolean saved) {
    }

    private ProxmoxPage() {
    }

    static String render(View v) {
        StringBuilder b = new StringBuilder(4096).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Proxmox VE - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a class=\"bh-brand\""
                + " href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All setup steps</a></p>"
                + "<h1>Virtual machines on Proxmox VE</h1><p>Which Proxmox VE cluster runs the VMs, and the API token BlockHost"
                + " uses there. Check first: the page then lists the cluster's nodes, storages and bridges and any privilege"
                + " the token lacks.</p>");
        status(b, v);
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(v.csrf())).append("\">");
        input(b, v, ProxmoxForm.API_URL, "API URL", "Any node of the cluster, like https://pve1.example.net:8006.", "url");
        input(b, v, ProxmoxForm.TOKEN_ID, "API token id", "user@realm!name, like blockhost@pve!provisioner.", "text");
        input(b, v, WizardCheck.SECRET, "API token secret", v.secretStored()
                ? "Stored. Leave empty to keep it; type a new one to replace it." : "Shown once by PVE when the token was made."
                        + " Stored in a key file readable by BlockHost only; never shown again.", "password");
        input(b, v, ProxmoxForm.TLS, "Cluster certificate", "The cluster CA file on this machine (a copy of"
                + " /etc/pve/pve-root-ca.pem) or the API certificate's SHA-256 fingerprint (AB:CD:...).", "text");
        ClusterChoices c = v.choices();
        select(b, v, ProxmoxForm.NODE, "Node", "Where new VMs may go.", c == null ? null : all(c.nodes()));
        select(b, v, ProxmoxForm.STORAGE, "Storage", "Where the VM disks and the template live.", c == null ? null : c.storages());
        select(b, v, ProxmoxForm.BRIDGE, "Bridge", "The network bridge of the VMs.", c == null ? null : c.bridges());
        return b.append("<div class=\"bh-actions\"><button type=\"submit\" name=\"action\" value=\"check\" class=\"bh-secondary\">"
                + "Check</button> <button type=\"submit\" name=\"action\" value=\"save\" class=\"bh-primary\">Check and save</button>"
                + "</div></form></main></body></html>").toString();
    }

    private static void status(StringBuilder b, View v) {
        if (v.saved()) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. The token check and the template import run when you finish"
                    + " the setup. Next: <a href=\"summary\">the summary</a>.</p>");
        } else if (!v.errors().isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the fields marked below.</p>");
        } else if (v.choices() != null) {
            b.append("<p class=\"bh-ok\" role=\"status\">Connected. Nothing is saved yet: choose below, then save.</p>");
        }
        if (v.choices() != null) {
            b.append("<h2>Token privileges</h2>");
            if (v.choices().missing().isEmpty()) {
                b.append("<p><span class=\"bh-badge bh-ok\">complete</span> The token has every privilege BlockHost needs.</p>");
            } else {
                b.append("<p><span class=\"bh-badge bh-error\">missing</span> Give the token (and its user) these privileges,"
                        + " then check again:</p><ul id=\"missing\">");
                v.choices().missing().forEach((path, privs) -> b.append("<li><code>").append(Html.escape(path)).append("</code>: ")
                        .append(Html.escape(String.join(", ", privs))).append("</li>"));
                b.append("</ul>");
            }
        }
    }

    private static List<String> all(List<String> nodes) {
        List<String> out = new java.util.ArrayList<>(nodes);
        out.add(0, ProxmoxForm.ALL_NODES);
        return out;
    }

    private static void input(StringBuilder b, View v, String name, String label, String hint, String type) {
        String id = head(b, v, name, label, hint);
        b.append("<input id=\"").append(id).append("\" name=\"").append(name).append("\" type=\"").append(type)
                .append("\" spellcheck=\"false\" autocomplete=\"").append(type.equals("password") ? "new-password" : "off")
                .append("\" class=\"bh-mono\" value=\"")
                .append(type.equals("password") ? "" : Html.escape(v.values().getOrDefault(name, ""))).append('"');
        b.append(described(v, name, id)).append('>');
    }

    private static void select(StringBuilder b, View v, String name, String label, String hint, List<String> options) {
        String current = v.values().get(name);
        if (options == null) {
            if (current != null && !current.isBlank()) {
                b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(Html.escape(current))
                        .append("\"><p>").append(label).append(": <code>").append(Html.escape(current)).append("</code> (Check to change)</p>");
            }
            return;
        }
        if (current == null || current.isBlank()) {
            current = PRESELECTED.get(name);
        }
        String id = head(b, v, name, label, hint);
        b.append("<select id=\"").append(id).append("\" name=\"").append(name).append('"').append(described(v, name, id)).append('>');
        for (String o : options) {
            b.append("<option value=\"").append(Html.escape(o)).append('"').append(o.equals(current) ? " selected" : "")
                    .append('>').append(Html.escape(o.equals(ProxmoxForm.ALL_NODES) ? "any online node" : o)).append("</option>");
        }
        b.append("</select>");
    }

    /** Label, hint and (when the field is wrong) its inline error; answers the control's id. */
    private static String head(StringBuilder b, View v, String name, String label, String hint) {
        String id = id(name);
        b.append("<label for=\"").append(id).append("\">").append(label).append("</label><p class=\"bh-hint\" id=\"").append(id)
                .append("-hint\">").append(Html.escape(hint)).append("</p>");
        if (v.errors().containsKey(name)) {
            b.append("<p class=\"bh-field-error\" id=\"").append(id).append("-error\">").append(Html.escape(sentence(v.errors().get(name))))
                    .append("</p>");
        }
        return id;
    }

    private static String described(View v, String name, String id) {
        return v.errors().containsKey(name) ? " aria-describedby=\"" + id + "-hint " + id + "-error\" aria-invalid=\"true\""
                : " aria-describedby=\"" + id + "-hint\"";
    }

    /** A message as a sentence: capital first letter, final full stop. */
    static String sentence(String m) {
        String t = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static String id(String name) {
        return "f-" + name.replaceAll("[^a-z0-9]", "-");
    }
}
