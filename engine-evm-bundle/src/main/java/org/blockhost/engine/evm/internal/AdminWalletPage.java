package org.blockhost.engine.evm.internal;

import java.util.Optional;

import org.blockhost.web.api.Html;

/**
 * The HTML of the wizard's "Admin wallet" page (no servlet API: unit-testable). The wallet list,
 * the sign-in and the access-key derivation are done by {@code admin-wallet.js} in the browser;
 * the page only says what will be signed and why, and what is saved so far.
 */
final class AdminWalletPage {
    private AdminWalletPage() {
    }

    /**
     * @param base the setup context path
     * @param admin the admin wallet saved so far (EIP-55), if any
     * @param message the access-key message, once setup needs the key (the credential contract exists)
     * @param keySaved whether an access key is saved already
     */
    record View(String base, String csrf, Optional<String> admin, Optional<String> message, boolean keySaved) {
    }

    static String html(View v) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>Admin wallet - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"><script type=\"module\" src=\"" + Html.escape(v.base())
                + EvmWalletServlet.PATH + "/assets/admin-wallet.js\"></script></head><body><header class=\"bh-header\">"
                + "<a class=\"bh-brand\" href=\"./\">BlockHost setup</a></header><main class=\"bh-page\" id=\"wallet-page\""
                + " data-base=\"" + Html.escape(v.base()) + "\" data-csrf=\"" + Html.escape(v.csrf()) + "\" data-admin=\""
                + Html.escape(v.admin().orElse("")) + "\"><p><a href=\"./\">All setup steps</a></p><h1>Admin wallet</h1>"
                + body(v) + "</main></body></html>";
    }

    static String body(View v) {
        StringBuilder b = new StringBuilder(2048).append("<p>Which wallet administers this host. It receives the admin"
                + " credential (token #0) and the contracts' owner role; keep it safe, ideally a hardware wallet.</p>");
        v.admin().ifPresent(a -> b.append("<p class=\"bh-ok\" role=\"status\">Saved: the admin wallet is <span class=\"bh-mono\">")
                .append(Html.escape(a)).append("</span>. Next: <a href=\"network\">the network</a>.</p>"));
        b.append("<fieldset id=\"wallet-choices\" hidden><legend>Wallets found in this browser</legend><div id=\"wallet-list\">"
                + "</div></fieldset>");
        String status = "<p role=\"status\" aria-live=\"polite\" id=\"wallet-status\" hidden></p>";
        if (v.message().isPresent() && v.admin().isPresent()) {
            b.append(status);
            accessKey(b, v.message().get(), v.keySaved());
        } else {
            b.append("<h2>Sign in with the wallet</h2><p>Your wallet will show a sign-in message. Signing it proves you"
                    + " control the wallet. It costs nothing and sends no transaction.</p>")
                    .append("<button type=\"button\" id=\"signin\" class=\"bh-primary wallet-action\" disabled>")
                    .append(v.admin().isPresent() ? "Sign in with another wallet" : "Sign in with the wallet").append("</button>")
                    .append(status)
                    .append("<p class=\"bh-hint\">Later, while setup finishes, this page asks the same wallet to sign one"
                            + " more message: your access key is derived from it in this browser, and only its public half"
                            + " is sent to this host.</p>");
        }
        return b.toString();
    }

    private static void accessKey(StringBuilder b, String message, boolean saved) {
        b.append("<h2>Admin access key</h2><p>Setup deployed the credential contract. Sign this message with the admin"
                + " wallet: your browser derives the admin access key from the signature and sends only its public"
                + " half. The signature never leaves this browser. It costs nothing and sends no transaction.</p>")
                .append("<pre class=\"bh-mono\" id=\"key-message\" tabindex=\"0\" aria-label=\"Access-key message\">")
                .append(String.join("\n", message.lines().map(Html::escape).toList())).append("</pre>");
        if (saved) {
            b.append("<p class=\"bh-ok\">An access key is saved. Sign again only if you changed the admin wallet.</p>");
        }
        b.append("<button type=\"button\" id=\"derive\" class=\"bh-primary wallet-action\" disabled>Sign and continue setup"
                + "</button><p role=\"status\" aria-live=\"polite\" id=\"key-status\" hidden></p>");
    }
}
