package org.blockhost.provisioner.libvirt.internal.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The IPv6 answer: none or a routed prefix; the page shows a refusal inline and never echoes it unescaped. */
class Ipv6AnswerTest {
    @Test
    void noneOrAValidPrefixIsAccepted() {
        assertEquals(Optional.empty(), Ipv6Answer.problem("none"));
        assertEquals("", Ipv6Answer.property("NONE"));
        assertEquals(Optional.empty(), Ipv6Answer.problem("2001:db8:1::/64"));
        assertEquals(Optional.empty(), Ipv6Answer.problem("2001:db8::/48"));
        assertTrue(Ipv6Answer.property(" 2001:db8:1::/64 ").endsWith("/64"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "2001:db8:1::/40", "2001:db8:1::/120", "2001:db8:1::1/64", "192.0.2.0/24",
            "2001:db8:7::", "fe80::/64x", "x".repeat(80)}) {
            assertTrue(Ipv6Answer.problem(bad).isPresent(), bad);
            assertFalse(Ipv6Answer.problem(bad).get().contains(bad.isEmpty() ? "\u0000" : bad), "not echoed: " + bad);
        }
    }

    @Test
    void thePageShowsTheErrorInlineAndEscapes() {
        String html = Ipv6Page.render("<t>", "\"><b>", "field 'libvirt.ipv6_prefix': enter 'none' or a prefix", false);
        assertTrue(html.contains("Nothing was saved") && html.contains("id=\"prefix-error\">enter &#39;none&#39;")
                || html.contains("id=\"prefix-error\">enter &#x27;none&#x27;") || html.contains("id=\"prefix-error\">enter"), html);
        assertTrue(html.contains("aria-invalid=\"true\"") && html.contains("value=\"manual\" checked"), html);
        assertFalse(html.contains("<b>") || html.contains("<t>"), html);
        String none = Ipv6Page.render("", "none", null, true);
        assertTrue(none.contains("value=\"none\" checked") && none.contains("Saved."), none);
    }

    @Test
    void theUplinkIsNoneOrAnInterfaceName() {
        assertEquals("", Ipv6Answer.uplinkProperty("none"));
        assertEquals("enp1s0", Ipv6Answer.uplinkProperty(" enp1s0 "));
        for (String bad : new String[] {"", "lo", "all", "default", "eth0;reboot", "../x", "a234567890123456", "<b>"}) {
            assertTrue(Ipv6Answer.uplinkProblem(bad).isPresent(), bad);
            assertFalse(bad.length() > 3 && Ipv6Answer.uplinkProblem(bad).get().contains(bad), "not echoed: " + bad);
        }
    }

    @Test
    void theUplinkErrorIsShownUnderItsFieldAndEscaped() {
        String html = Ipv6Page.render("t", "2001:db8:1::/64", "\"><b>", java.util.Map.of("uplink",
                "field 'libvirt.ipv6_uplink': enter the name"), false);
        assertTrue(html.contains("id=\"uplink-error\">enter the name") && html.contains("aria-describedby=\"uplink-hint uplink-error\""),
                html);
        assertFalse(html.contains("prefix-error") || html.contains("<b>"), html);
        assertTrue(html.contains("value=\"2001:db8:1::/64\""), html);
    }
}
