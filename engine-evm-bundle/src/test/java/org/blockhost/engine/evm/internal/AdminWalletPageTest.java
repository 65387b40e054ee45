package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The Admin wallet page's HTML: sign-in first, the access-key message once setup needs it, everything escaped. */
class AdminWalletPageTest {

    @Test
    void beforeSignInThePageExplainsTheSignatureAndLoadsItsModuleFromTheSetupContext() {
        String html = AdminWalletPage.html(new AdminWalletPage.View("/setup", "t\"<", Optional.empty(), Optional.empty(), false));
        assertTrue(html.contains("<script type=\"module\" src=\"/setup/evm-wallet/assets/admin-wallet.js\"></script>"), html);
        assertTrue(html.contains("data-csrf=\"t&quot;&lt;\""), html);
        assertTrue(html.contains("id=\"signin\"") && html.contains("costs nothing and sends no transaction"), html);
        assertFalse(html.contains("Saved:") || html.contains("id=\"derive\""), html);
        assertFalse(html.contains("<script>"), "no inline script: " + html);
    }

    @Test
    void onceSetupNeedsTheKeyTheExactMessageIsShownForTheSavedWallet() {
        String message = "BlockHost access key\nHost: <localhost>";
        String html = AdminWalletPage.html(new AdminWalletPage.View("/setup", "t", Optional.of("0xAbC"), Optional.of(message), false));
        assertTrue(html.contains("Saved: the admin wallet is <span class=\"bh-mono\">0xAbC</span>"), html);
        assertTrue(html.contains(">BlockHost access key\nHost: &lt;localhost&gt;</pre>"), html);
        assertTrue(html.contains("id=\"derive\"") && !html.contains("id=\"signin\""), html);
        assertTrue(html.contains("data-admin=\"0xAbC\""), html);
    }
}
