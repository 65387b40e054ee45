package org.blockhost.installer.internal.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.blockhost.installer.internal.network.Interfaces;
import org.junit.jupiter.api.Test;

/** The Network page: one labelled field, inline error tied to it, interfaces read-only, everything escaped. */
class NetworkPageTest {
    private static final List<Interfaces.Nic> NICS = List.of(new Interfaces.Nic("eth0<x>", true, false, List.of("203.0.113.7/24")));

    @Test
    void aRefusedHostIsShownInlineAndEscaped() {
        String html = NetworkPage.body("<csrf>", "\"><script>", "field 'network.publicHost': not a name", false, false, NICS);
        assertTrue(html.contains("Nothing was saved"), html);
        assertTrue(html.contains("aria-invalid=\"true\"") && html.contains("id=\"publicHost-error\">not a name</p>"), html);
        assertFalse(html.contains("<script>") || html.contains("eth0<x>"), html);
        assertTrue(html.contains("&quot;&gt;&lt;script&gt;") && html.contains("203.0.113.7/24"), html);
        assertTrue(html.contains("href=\"network/interfaces\"") && html.contains("href=\"network/bridge\">Create the VM bridge"), html);
    }

    @Test
    void devModeSaysItAppliesNothing() {
        String html = NetworkPage.body("", "localhost", null, true, true, NICS);
        assertTrue(html.contains("Saved.") && html.contains("changes nothing on this machine"), html);
        assertFalse(html.contains("aria-invalid"), html);
    }
}
