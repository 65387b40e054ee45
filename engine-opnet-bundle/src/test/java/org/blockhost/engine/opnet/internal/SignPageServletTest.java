package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signing page as the servlet serves it (the bundle's resources built by web/build.mjs). */
class SignPageServletTest {

    @Test
    void pageNamesTheHostEscapedAndHasNoInlineScript() throws Exception {
        String page = SignPageServlet.page("vm1.test\"><script>x</script>");
        assertTrue(page.contains("content=\"vm1.test&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), page);
        assertFalse(page.contains("<script>x"), "the host name is escaped");
        assertFalse(page.contains("{{host}}"));
        assertEquals(1, Pattern.compile("<script").matcher(page).results().count(), "one script");
        assertTrue(page.contains("<script type=\"module\" src=\"/opnet-sign/sign.js\"></script>"), "external, no inline script");
        for (String words : new String[] {"Sign an SSH login", "Connect wallet", ">Sign<", "Login message"}) {
            assertTrue(page.contains(words), words);
        }
    }

    @Test
    void serversPageNamesTheHostEscapedAndLoadsOnlyItsModule() throws Exception {
        String page = SignPageServlet.page("servers.html", "vm1.test<b>");
        assertTrue(page.contains("BlockHost · <span class=\"bh-host\">vm1.test&lt;b&gt;</span>"), page);
        assertEquals(1, Pattern.compile("<script").matcher(page).results().count(), "one script");
        assertTrue(page.contains("<script type=\"module\" src=\"/opnet-sign/servers.js\"></script>"), "external, no inline script");
        for (String words : new String[] {"My servers", "Connect wallet", "Show connection details", "aria-live"}) {
            assertTrue(page.contains(words), words);
        }
    }

    @Test
    void buyPageNamesTheHostEscapedAndLoadsOnlyItsModule() throws Exception {
        String page = SignPageServlet.page("buy.html", "vm1.test<b>");
        assertTrue(page.contains("BlockHost · <span class=\"bh-host\">vm1.test&lt;b&gt;</span>"), page);
        assertEquals(1, Pattern.compile("<script").matcher(page).results().count(), "one script");
        assertTrue(page.contains("<script type=\"module\" src=\"/opnet-sign/buy.js\"></script>"), "external, no inline script");
        for (String words : new String[] {"Buy a server", "Choose a plan", "Days", "Total", "Connect wallet", ">Buy<",
            "approve exactly the total", "aria-live"}) {
            assertTrue(page.contains(words), words);
        }
    }

    @Test
    void bundledAssetsAreInTheJar() {
        for (String name : new String[] {"sign.js", "servers.js", "buy.js", "buy.html", "writes.js", "sign.css", "THIRD-PARTY-LICENSES.txt"}) {
            assertNotNull(SignPageServlet.class.getResourceAsStream("/opnet-sign/" + name), name);
        }
        assertTrue(SignPageServlet.class.getResourceAsStream("/opnet-sign/op-test-wallet.js") == null, "the test wallet is not");
    }

    @Test
    void theSdkModuleIsSeparateAndItsLicencesAreListed() throws Exception {
        String servers;
        String licences;
        try (var a = SignPageServlet.class.getResourceAsStream("/opnet-sign/servers.js");
                var b = SignPageServlet.class.getResourceAsStream("/opnet-sign/THIRD-PARTY-LICENSES.txt")) {
            servers = new String(a.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            licences = new String(b.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(servers.contains("import(\"/opnet-sign/writes.js\")"), "loaded only when a write starts");
        String buy;
        try (var c = SignPageServlet.class.getResourceAsStream("/opnet-sign/buy.js")) {
            buy = new String(c.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(buy.contains("import(\"/opnet-sign/writes.js\")") && !buy.contains("signAndBroadcastInteraction"), "buy.js too");
        assertFalse(servers.contains("signAndBroadcastInteraction"), "the SDK is not in the page's own module");
        for (String pkg : new String[] {"opnet 1.8.13 (Apache-2.0)", "@btc-vision/transaction 1.8.6", "@btc-vision/bitcoin 7.0.0",
                "protobufjs", "@noble/hashes 2.4.0"}) {
            assertTrue(licences.contains(pkg), pkg);
        }
    }
}
