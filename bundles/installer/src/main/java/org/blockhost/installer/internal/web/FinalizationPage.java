package org.blockhost.installer.internal.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.FinalizationStatus.StepStatus;
import org.blockhost.installer.api.SetupService;
import org.blockhost.web.api.Html;

/** The HTML of the finalization page (no servlet API: unit-testable). */
final class FinalizationPage {
    private FinalizationPage() {
    }

    /**
     * What the page shows. {@code durations} in milliseconds by step id; {@code progress} what the
     * running step says of its long work ({@link #progress(Map)}).
     */
    record View(List<StepStatus> steps, Map<String, Long> durations, boolean running, boolean complete,
            Optional<AccessKeyRequest> accessKey, Map<String, String> errors, Map<String, String> entered,
            String fingerprint, String csrfField, String base, String progress) {
    }

    /**
     * A step doing long work (a template import) publishes a short text under a key ending in
     * {@code .progress} ({@code "pve1: import 42%"}, {@code "done"} at the end): those not done, joined.
     */
    static String progress(Map<String, String> published) {
        return published.entrySet().stream().filter(e -> e.getKey().endsWith(".progress"))
                .map(e -> e.getValue().strip()).filter(t -> !t.isEmpty() && !t.equals("done")).sorted()
                .collect(java.util.stream.Collectors.joining("; "));
    }

    static String body(View v) {
        long done = v.steps().stream().filter(s -> s.state() == State.DONE).count();
        String current = v.steps().stream().filter(s -> s.state() == State.RUNNING).map(StepStatus::label).findFirst()
                .or(() -> v.running() ? Optional.empty() : v.steps().stream().filter(s -> s.state() == State.FAILED)
                        .map(s -> "stopped at: " + s.label()).findFirst())
                .orElse(v.running() ? "starting" : v.complete() ? "finished" : "not started");
        if (v.running() && !v.progress().isEmpty()) {
            current = current + " (" + v.progress() + ")";
        }
        StringBuilder b = new StringBuilder(4096).append("<div id=\"fin-work\"").append(v.complete() ? " hidden" : "")
                .append("><p>Setup runs each step in order and can be retried where it stopped. This page updates by itself.</p>")
                .append("<p id=\"fin-phase\" aria-live=\"polite\">").append(done).append(" of ").append(v.steps().size())
                .append(" steps done - ").append(Html.escape(current)).append("</p><progress id=\"fin-progress\" max=\"")
                .append(Math.max(1, v.steps().size())).append("\" value=\"").append(done).append("\" aria-label=\"Steps done\">")
                .append(done).append(" of ").append(v.steps().size()).append("</progress>");
        errors(b, v.errors());
        v.accessKey().filter(r -> r.message().isPresent() && !v.running()).ifPresent(r -> accessKeyForm(b, v, r));
        table(b, v);
        actions(b, v);
        return b.append("</div>").append(DonePage.section(v.fingerprint(), v.complete())).toString();
    }

    private static void errors(StringBuilder b, Map<String, String> errors) {
        if (!errors.isEmpty()) {
            b.append("<div class=\"bh-error\" role=\"alert\"><p>Nothing was saved:</p><ul>");
            errors.values().forEach(m -> b.append("<li>").append(Html.escape(plain(m))).append("</li>"));
            b.append("</ul></div>");
        }
    }

    private static void accessKeyForm(StringBuilder b, View v, AccessKeyRequest r) {
        b.append("<section aria-labelledby=\"ak-title\"><h2 id=\"ak-title\">Admin access key</h2>")
                .append("<p>The admin credential is sealed to a key only the admin wallet can rebuild. The admin wallet signs"
                        + " this message (EIP-191 <code>personal_sign</code>). It costs nothing and sends no transaction.</p>")
                .append("<p class=\"bh-mono\" id=\"ak-message\">").append(String.join("<br>",
                        r.message().orElse("").lines().map(Html::escape).toList())).append("</p>");
        boolean manualError = v.errors().containsKey(r.walletKey()) || v.errors().containsKey(r.accessKeyKey());
        r.page().filter(p -> p.matches("/[a-z0-9-]{1,64}")).ifPresent(p -> b.append("<p><a id=\"ak-page\" class=\"bh-button"
                + " bh-primary\" href=\"").append(Html.escape(v.base() + p)).append("\">Sign with the admin wallet</a> Your browser"
                + " derives the key; only its public half is sent.</p><details id=\"ak-manual\"").append(manualError ? " open" : "")
                .append("><summary>Without a browser wallet (key file)</summary>"));
        manualForm(b, v, r);
        r.page().filter(p -> p.matches("/[a-z0-9-]{1,64}")).ifPresent(p -> b.append("</details>"));
        b.append("</section>");
    }

    private static void manualForm(StringBuilder b, View v, AccessKeyRequest r) {
        String wallet = v.entered().getOrDefault(r.walletKey(), r.wallet().orElse(""));
        String key = v.entered().getOrDefault(r.accessKeyKey(), "");
        b.append("<p class=\"bh-hint\">With a key file: <code>blockhost sign --key-file FILE</code> with the message on its"
                        + " input, piped into <code>blockhost crypto access-key --signature -</code>; paste its"
                        + " <code>publicKey</code>. The signature itself never leaves your machine.</p>")
                .append("<form method=\"post\" class=\"bh-form\">").append(v.csrfField())
                .append("<input type=\"hidden\" name=\"action\" value=\"access-key\">");
        field(b, "ak-wallet", "wallet", "Admin wallet address", wallet, v.errors().get(r.walletKey()));
        field(b, "ak-key", "accessKey", "Access key (66 hex digits)", key, v.errors().get(r.accessKeyKey()));
        b.append("<button type=\"submit\" class=\"bh-primary\">Save and continue</button></form>");
    }

    private static void field(StringBuilder b, String id, String name, String label, String value, String error) {
        b.append("<label for=\"").append(id).append("\">").append(label).append("</label><input id=\"").append(id)
                .append("\" name=\"").append(name).append("\" autocomplete=\"off\" spellcheck=\"false\" value=\"")
                .append(Html.escape(value)).append('"');
        if (error != null) {
            b.append(" aria-invalid=\"true\" aria-describedby=\"").append(id).append("-error\"><p class=\"bh-field-error\" id=\"")
                    .append(id).append("-error\">").append(Html.escape(plain(error))).append("</p>");
        } else {
            b.append('>');
        }
    }

    private static void table(StringBuilder b, View v) {
        b.append("<div class=\"bh-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Finalization steps\"><table id=\"fin-steps\" data-api=\"").append(Html.escape(v.base()))
                .append("/api/finalization\" data-running=\"").append(v.running()).append("\"><caption class=\"bh-hint\">")
                .append("Finalization steps in the order they run</caption><thead><tr><th scope=\"col\">Step</th>"
                        + "<th scope=\"col\">State</th><th scope=\"col\">Took</th><th scope=\"col\">Message</th></tr></thead><tbody>");
        for (StepStatus s : v.steps()) {
            b.append("<tr data-step=\"").append(Html.escape(s.id())).append("\"><th scope=\"row\">").append(Html.escape(s.label()))
                    .append("</th><td class=\"fin-state\"><span class=\"bh-badge ").append(badge(s.state())).append("\">")
                    .append(s.state().name().toLowerCase()).append("</span></td><td class=\"fin-duration\">")
                    .append(WizardPage.duration(v.durations().get(s.id()))).append("</td><td class=\"fin-error\">")
                    .append(Html.escape(s.error())).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    /** A check's message without the internal field name it starts with ("field 'evm.x' must ..." -> "Must ..."). */
    static String plain(String message) {
        String m = SetupService.withoutField(message);
        return m.isEmpty() ? message : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    static String badge(State state) {
        return switch (state) {
            case DONE -> "bh-ok";
            case FAILED -> "bh-error";
            case RUNNING -> "bh-info";
            default -> "bh-pending";
        };
    }

    private static void actions(StringBuilder b, View v) {
        if (v.running() || v.complete()) {
            return;
        }
        Optional<StepStatus> failed = v.steps().stream().filter(s -> s.state() == State.FAILED).findFirst();
        b.append("<form method=\"post\" class=\"bh-form\">").append(v.csrfField());
        if (failed.isPresent()) {
            b.append("<input type=\"hidden\" name=\"action\" value=\"retry\"><input type=\"hidden\" name=\"step\" value=\"")
                    .append(Html.escape(failed.get().id())).append("\"><p>Step <strong>").append(Html.escape(failed.get().label()))
                    .append("</strong> failed. Fix what its message says (edit an answer, fund the wallet), then retry it.</p>")
                    .append("<button type=\"submit\" class=\"bh-primary\">Retry this step</button>");
        } else {
            b.append("<input type=\"hidden\" name=\"action\" value=\"start\">")
                    .append("<button type=\"submit\" class=\"bh-primary\">Start finalization</button>");
        }
        b.append("</form>");
    }
}
