package org.blockhost.installer.internal.web;

import org.blockhost.web.api.Html;

/** The "setup is complete" section: where to go next and the certificate to compare. */
final class DonePage {
    private DonePage() {
    }

    static String section(String fingerprint, boolean visible) {
        StringBuilder b = new StringBuilder(1024).append("<section id=\"done\" aria-labelledby=\"done-title\"")
                .append(visible ? "" : " hidden").append("><h2 id=\"done-title\">Setup is complete</h2>")
                .append("<p class=\"bh-ok\" role=\"status\">Done: every step finished. This setup page now closes;"
                        + " <code>blockhost setup reopen</code> opens it again.</p><ul>")
                .append("<li><a href=\"/admin/\">Admin console</a>: sign in with the admin wallet.</li>")
                .append("<li><a href=\"/\">Signup page</a>: where buyers choose a plan and pay.</li></ul>");
        if (fingerprint != null && !fingerprint.isEmpty()) {
            b.append("<p>The HTTPS certificate's SHA-256 fingerprint is <code>").append(Html.escape(fingerprint))
                    .append("</code>; compare it with what <code>blockhost status</code> prints on the server.</p>");
        }
        return b.append("</section>").toString();
    }
}
