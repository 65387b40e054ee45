package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Map;

/** The wizard page: a plain form, every value HTML-escaped. */
final class StepPage {
    private static final Map<String, String> LABELS = Map.of(
            SetupForm.URI, "libvirt URI", SetupForm.VM_DIR, "VM directory", SetupForm.NET_TYPE,
            "Network type (network or bridge)", SetupForm.NETWORK, "Network or bridge name", SetupForm.POOL,
            "IPv4 address pool (CIDR, or none)", SetupForm.GRACE, "Grace days after expiry");

    private StepPage() {
    }

    static String render(Map<String, Object> current, Map<String, String> errors, boolean saved) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html><head><meta charset='utf-8'><title>Virtual machines (libvirt)</title></head>")
                .append("<body><h1>Virtual machines (libvirt)</h1>");
        if (saved) {
            b.append("<p class='saved'>Saved.</p>");
        }
        if (!errors.isEmpty()) {
            b.append("<ul class='errors'>");
            errors.values().forEach(m -> b.append("<li>").append(esc(m)).append("</li>"));
            b.append("</ul>");
        }
        b.append("<form method='post'>");
        for (String f : SetupForm.fields()) {
            Object v = current.get(SetupForm.property(f));
            b.append("<p><label>").append(esc(LABELS.get(f))).append(" <input name='").append(f)
                    .append("' value='").append(esc(v == null ? "" : v.toString())).append("'></label>");
            if (errors.containsKey(f)) {
                b.append(" <strong>").append(esc(errors.get(f))).append("</strong>");
            }
            b.append("</p>");
        }
        return b.append("<button type='submit'>Save</button></form></body></html>").toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&#39;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }
}
