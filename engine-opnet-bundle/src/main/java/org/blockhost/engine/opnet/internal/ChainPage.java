package org.blockhost.engine.opnet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockhost.installer.api.SetupService;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The wizard page "Bitcoin (OPNet)": the node, the host wallet, the contracts, plans and the admin wallet. */
final class ChainPage {
    /** Form fields: answer key → label and hint. */
    static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(OpnetAnswers.RPC_URL, new String[] {"Node RPC URL", "The JSON-RPC address of your OPNet node (https)."
                + " Its path is never shown again: it may carry an API key."});
        FIELDS.put(OpnetAnswers.NETWORK, new String[] {"Network", "mainnet, testnet or regtest: checked against the node's"
                + " genesis block."});
        FIELDS.put(OpnetAnswers.HOST_KEY_FILE, new String[] {"Host key file", "Path of the host wallet's mnemonic, readable"
                + " by root and the blockhost group only. Its content is never shown or logged."});
        FIELDS.put(OpnetAnswers.HOST_ADDRESS, new String[] {"Host wallet address", "Its OPNet address: 0x and 64 hex digits."});
        FIELDS.put(OpnetAnswers.SUBSCRIPTIONS, new String[] {"Subscriptions contract", "0x and 64 hex digits. Leave both"
                + " contracts empty to deploy them from the host wallet (it must hold bitcoin)."});
        FIELDS.put(OpnetAnswers.CREDENTIAL, new String[] {"Credential contract", "0x and 64 hex digits, or empty (see above)."});
        FIELDS.put(OpnetAnswers.PAYMENT_TOKEN, new String[] {"Payment token", "The OP20 token plans are priced in"
                + " (0x and 64 hex digits): needed when setup deploys the contracts."});
        FIELDS.put(OpnetAnswers.PLANS, new String[] {"Plan prices", "Price per day of plans 1, 2, … in the payment"
                + " token's base units, separated by commas, like 100000,250000."});
        FIELDS.put(OpnetAnswers.ADMIN_ADDRESS, new String[] {"Admin wallet address", "The OPNet address that holds the"
                + " admin credential (token #0)."});
    }

    /** What the page shows: the values, a message (ok or not) and the field it is about (shown inline there). */
    record View(String csrf, Map<String, String> values, String message, boolean ok, String field) {
    }

    private ChainPage() {
    }

    static String render(View v) {
        StringBuilder b = new StringBuilder(4096).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Bitcoin (OPNet) - BlockHost"
                + " setup</title><link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a"
                + " class=\"bh-brand\" href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All"
                + " setup steps</a></p><h1>Bitcoin (OPNet)</h1><p>Where subscriptions are paid: your OPNet node, the host"
                + " wallet and BlockHost's contracts on it. Saving checks the node live; nothing is sent.</p>");
        if (v.message() != null && v.ok()) {
            b.append("<p class=\"bh-ok\" role=\"status\">").append(Html.escape(v.message())).append("</p>");
        } else if (v.message() != null) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: ")
                    .append(v.field() == null ? Html.escape(sentence(v.message())) : "correct the field marked below.")
                    .append("</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(v.csrf())).append("\">");
        FIELDS.forEach((key, text) -> field(b, key, text, v));
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form></main></body></html>")
                .toString();
    }

    private static void field(StringBuilder b, String key, String[] text, View v) {
        String id = key.substring("opnet.".length());
        String value = Html.escape(v.values().getOrDefault(key, ""));
        b.append("<label for=\"").append(id).append("\">").append(text[0]).append("</label><p class=\"bh-hint\" id=\"")
                .append(id).append("-hint\">").append(Html.escape(text[1])).append("</p>");
        if (key.equals(OpnetAnswers.NETWORK)) {
            b.append("<select id=\"network\" name=\"network\" aria-describedby=\"network-hint");
            invalid(b, key, id, v);
            for (String n : List.of("mainnet", "testnet", "regtest")) {
                b.append("<option").append(n.equals(v.values().get(key)) ? " selected" : "").append(">").append(n).append("</option>");
            }
            b.append("</select>");
        } else {
            b.append("<input id=\"").append(id).append("\" name=\"").append(id)
                    .append("\" spellcheck=\"false\" autocomplete=\"off\" class=\"bh-mono\" value=\"").append(value)
                    .append("\" aria-describedby=\"").append(id).append("-hint");
            invalid(b, key, id, v);
        }
        if (key.equals(v.field())) {
            b.append("<p class=\"bh-field-error\" id=\"").append(id).append("-error\">")
                    .append(Html.escape(sentence(v.message()))).append("</p>");
        }
    }

    /** Closes the control's tag, marked invalid (and described by its error) when the message is about it. */
    private static void invalid(StringBuilder b, String key, String id, View v) {
        b.append(key.equals(v.field()) ? " " + id + "-error\" aria-invalid=\"true\">" : "\">");
    }

    /** A check's message without the field's internal name, as a sentence. */
    static String sentence(String message) {
        String m = SetupService.withoutField(message);
        m = m.isEmpty() ? message : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith(")") ? m : m + ".";
    }

    /** The URL as scheme://host[:port], with "/…" when it had more (path, query, user info). */
    static String masked(String url) {
        try {
            java.net.URI u = new java.net.URI(url.strip());
            if (u.getHost() == null) {
                return url.isBlank() ? "" : "…";
            }
            String shown = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
            String rest = u.getRawSchemeSpecificPart().substring(("//" + u.getRawAuthority()).length());
            return rest.isEmpty() || rest.equals("/") && u.getRawFragment() == null && u.getRawUserInfo() == null
                    ? shown : shown + "/…";
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "…";
        }
    }
}
