package org.blockhost.installer.internal.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.FinalizationStatus.StepStatus;
import org.blockhost.installer.api.Phase;
import org.junit.jupiter.api.Test;

/** The finalization page's HTML: states, durations, safe errors, retry, the access-key form, done. */
class FinalizationPageTest {
    private static final List<StepStatus> FAILED = List.of(
            new StepStatus("evm.contracts", "Deploy the contracts", Phase.ENGINE_PRE, 1, State.DONE, "", Instant.now()),
            new StepStatus("evm.admin-credential", "Mint <the> admin credential", Phase.ENGINE_POST, 2, State.FAILED,
                    "missing answer 'evm.adminAccessKey' <script>", Instant.now()));
    private static final AccessKeyRequest REQUEST = new AccessKeyRequest("evm.adminWallet", "evm.adminAccessKey",
            Optional.of("0xabc"), Optional.of("BlockHost access key\nHost: localhost"));

    private static FinalizationPage.View view(List<StepStatus> steps, boolean complete, Optional<AccessKeyRequest> ak,
            Map<String, String> errors, Map<String, String> entered) {
        return new FinalizationPage.View(steps, Map.of("evm.contracts", 12_345L), false, complete, ak, errors, entered,
                "AB:CD", "<input type=\"hidden\" name=\"_csrf\" value=\"t\">", "/setup", "");
    }

    @Test
    void aFailedStepShowsItsEscapedMessageDurationAndARetryForm() {
        String html = FinalizationPage.body(view(FAILED, false, Optional.empty(), Map.of(), Map.of()));
        assertTrue(html.contains("1 of 2 steps done"), html);
        assertTrue(html.contains("12 s"), html);
        assertTrue(html.contains("missing answer &#39;evm.adminAccessKey&#39; &lt;script&gt;"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("name=\"action\" value=\"retry\"") && html.contains("value=\"evm.admin-credential\""), html);
        assertTrue(html.contains("<section id=\"done\" aria-labelledby=\"done-title\" hidden>"), html);
    }

    @Test
    void theAccessKeyFormShowsTheMessageAndKeepsWhatWasEnteredNextToItsError() {
        String html = FinalizationPage.body(view(FAILED, false, Optional.of(REQUEST),
                Map.of("evm.adminAccessKey", "must be a compressed key"), Map.of("evm.adminAccessKey", "04zz")));
        assertTrue(html.contains("BlockHost access key<br>Host: localhost"), html);
        assertTrue(html.contains("stopped at: Mint &lt;the&gt; admin credential"), html);
        assertTrue(html.contains("Nothing was saved"), html);
        assertTrue(html.contains("value=\"04zz\" aria-invalid=\"true\" aria-describedby=\"ak-key-error\""), html);
        assertTrue(html.contains("value=\"0xabc\""), "the answered wallet is filled in: " + html);
    }

    @Test
    void anEngineWithAWalletPageGetsAPrimaryLinkAndTheManualFormIsFoldedAway() {
        AccessKeyRequest withPage = new AccessKeyRequest("evm.adminWallet", "evm.adminAccessKey", Optional.of("0xabc"),
                Optional.of("BlockHost access key"), Optional.of("/evm-wallet"));
        String html = FinalizationPage.body(view(FAILED, false, Optional.of(withPage), Map.of(), Map.of()));
        assertTrue(html.contains("id=\"ak-page\" class=\"bh-button bh-primary\" href=\"/setup/evm-wallet\""), html);
        assertTrue(html.contains("<details id=\"ak-manual\"><summary>"), "folded while nothing was entered: " + html);
        String refused = FinalizationPage.body(view(FAILED, false, Optional.of(withPage),
                Map.of("evm.adminAccessKey", "must be a compressed key"), Map.of("evm.adminAccessKey", "04zz")));
        assertTrue(refused.contains("<details id=\"ak-manual\" open>"), "open next to its error: " + refused);
        AccessKeyRequest odd = new AccessKeyRequest("evm.adminWallet", "evm.adminAccessKey", Optional.empty(),
                Optional.of("m"), Optional.of("//evil.example"));
        assertFalse(FinalizationPage.body(view(FAILED, false, Optional.of(odd), Map.of(), Map.of())).contains("ak-page"));
    }

    @Test
    void checkMessagesAreShownWithoutTheInternalFieldName() {
        org.junit.jupiter.api.Assertions.assertEquals("Must be a compressed key",
                FinalizationPage.plain("field 'evm.adminAccessKey' must be a compressed key"));
        org.junit.jupiter.api.Assertions.assertEquals("Plan entry 'x' is not name:centsPerDay",
                FinalizationPage.plain("field 'evm.plans': plan entry 'x' is not name:centsPerDay"));
    }

    @Test
    void whenCompleteTheDoneSectionShowsTheLinksAndTheFingerprint() {
        String html = FinalizationPage.body(view(List.of(), true, Optional.empty(), Map.of(), Map.of()));
        assertTrue(html.contains("<div id=\"fin-work\" hidden>"), html);
        assertTrue(html.contains("<section id=\"done\" aria-labelledby=\"done-title\">"), html);
        assertTrue(html.contains("href=\"/admin/\"") && html.contains("href=\"/\"") && html.contains("<code>AB:CD</code>"), html);
    }

    @Test
    void aRunningStepShowsThePublishedProgressOfItsLongWork() {
        List<StepStatus> steps = List.of(new StepStatus("proxmox.setup", "Import the template", Phase.PROVISIONER, 1,
                State.RUNNING, "", Instant.now()));
        String progress = FinalizationPage.progress(Map.of("proxmox.template.progress", "pve1: import 42%",
                "evm.stablecoin", "0xabc", "other.progress", "done"));
        assertTrue(progress.equals("pve1: import 42%"), progress);
        String html = FinalizationPage.body(new FinalizationPage.View(steps, Map.of(), true, false, Optional.empty(), Map.of(),
                Map.of(), "AB:CD", "", "/setup", "<b>" + progress));
        assertTrue(html.contains("0 of 1 steps done - Import the template (&lt;b&gt;pve1: import 42%)"), html);
        assertTrue(FinalizationPage.progress(Map.of("proxmox.template.progress", "done")).isEmpty());
    }
}
