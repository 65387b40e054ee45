package org.blockhost.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.blockhost.console.api.VmOperations.Action;
import org.blockhost.engine.api.PlanManager;
import org.junit.jupiter.api.Test;

/** The admin API's path and parameter parsing: unknown input is refused, never guessed. */
class ApiParsingTest {

    @Test
    void onlyTheSevenVmActionsAreKnown() {
        for (Action a : Action.values()) {
            assertEquals(a, VmsServlet.action(a.name().toLowerCase(java.util.Locale.ROOT)));
        }
        assertNull(VmsServlet.action("DESTROY"));
        assertNull(VmsServlet.action("reboot"));
        assertNull(VmsServlet.action(""));
    }

    @Test
    void knockPortsAreWholeNumbersAndDurationsWholeSeconds() {
        assertEquals(List.of(22, 2222), AdminCommandsServlet.ports(List.of(22, 2222)));
        assertEquals(List.of(), AdminCommandsServlet.ports(null));
        assertThrows(IllegalArgumentException.class, () -> AdminCommandsServlet.ports(List.of("22")));
        assertThrows(IllegalArgumentException.class, () -> AdminCommandsServlet.ports(List.of(22.5)));
        assertEquals(300, AdminCommandsServlet.seconds("300"));
        assertEquals(60, AdminCommandsServlet.seconds(60));
        for (Object bad : new Object[] {"1.5", "-1", "", null, "999999", List.of(1)}) {
            assertThrows(IllegalArgumentException.class, () -> AdminCommandsServlet.seconds(bad), String.valueOf(bad));
        }
    }

    @Test
    void vmNamesAreShortLowerCaseWords() {
        assertTrue(VmsServlet.NAME.matcher("blockhost-001").matches());
        assertFalse(VmsServlet.NAME.matcher("../etc").matches());
        assertFalse(VmsServlet.NAME.matcher("Blockhost-001").matches());
        assertFalse(VmsServlet.NAME.matcher("a".repeat(64)).matches());
    }

    @Test
    void auditParametersAreDecimalOrRefused() {
        assertEquals(100, AuditServlet.number(null, 100));
        assertEquals(7, AuditServlet.number("7", 100));
        assertEquals(-1, AuditServlet.number("-7", 100));
        assertEquals(-1, AuditServlet.number("1e3", 100));
        assertEquals(-1, AuditServlet.number("9".repeat(19), 100));
    }

    @Test
    void everyPageNamesItsPurposeAndMarksItselfInTheNavigation() {
        for (ConsolePages.Page p : ConsolePages.PAGES) {
            String html = ConsolePages.html(p);
            assertTrue(html.contains("<a href=\"/admin/" + p.path() + "\" aria-current=\"page\">"), html);
            assertTrue(html.contains("<script type=\"module\" src=\"/admin/assets/" + p.path() + ".js\">"), html);
            assertFalse(html.contains("<script>"), "no inline script");
        }
    }

    @Test
    void assetsArePlainScriptNamesThatExist() {
        assertTrue(ConsoleAssets.NAME.matcher("/vms.js").matches());
        assertFalse(ConsoleAssets.NAME.matcher("/../kit.js").matches());
        assertFalse(ConsoleAssets.NAME.matcher("/a/b.js").matches());
        assertFalse(ConsoleAssets.NAME.matcher("/x.class").matches());
        for (ConsolePages.Page p : ConsolePages.PAGES) {
            assertTrue(ConsoleAssets.class.getResource("/assets/" + p.path() + ".js") != null, p.path());
        }
    }

    @Test
    void planRequestsBecomeCheckedChangesOrAreRefused() {
        assertEquals(PlanManager.Change.create("pro", 525),
                PlansServlet.change(List.of(), Map.of("name", "pro", "price", "5.25")));
        assertEquals(PlanManager.Change.price(2, 100), PlansServlet.change(List.of("2", "price"), Map.of("price", "1")));
        assertEquals(PlanManager.Change.retire(3), PlansServlet.change(List.of("3", "retire"), Map.of()));
        assertNull(PlansServlet.change(List.of("3", "delete"), Map.of()));
        assertNull(PlansServlet.change(List.of("0", "retire"), Map.of()));
        assertNull(PlansServlet.change(List.of("x", "retire"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PlansServlet.change(List.of("2", "price"), Map.of("price", "1.001")));
        assertThrows(IllegalArgumentException.class, () -> PlansServlet.change(List.of("2", "price"), Map.of("price", 1)));
        assertThrows(IllegalArgumentException.class, () -> PlansServlet.change(List.of(), Map.of("name", "", "price", "1")));
        assertThrows(IllegalArgumentException.class, () -> PlansServlet.change(List.of(), Map.of("price", "1")));
    }

    @Test
    void gracePeriodsAreDecimalDays() {
        assertEquals(7.0, SettingsServlet.days("7"));
        assertEquals(0.5, SettingsServlet.days(0.5));
        assertThrows(IllegalArgumentException.class, () -> SettingsServlet.days("-1"));
        assertThrows(IllegalArgumentException.class, () -> SettingsServlet.days("1e3"));
        assertThrows(IllegalArgumentException.class, () -> SettingsServlet.days("NaN"));
        assertThrows(IllegalArgumentException.class, () -> SettingsServlet.days(null));
    }

    @Test
    void theBundledLibrariesStylesAndLicencesAreServedToo() {
        assertTrue(ConsoleAssets.NAME.matcher("/uplot.css").matches());
        assertTrue(ConsoleAssets.NAME.matcher("/THIRD-PARTY-LICENSES.txt").matches());
        assertFalse(ConsoleAssets.NAME.matcher("/notes.txt").matches());
    }
}
