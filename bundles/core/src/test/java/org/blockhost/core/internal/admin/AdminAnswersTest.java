package org.blockhost.core.internal.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wizard's admin-command answers: checks (fail closed) and the configuration they become. */
class AdminAnswersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"admin.commands|yes", "admin.commands|''", "admin.knockPorts|''",
        "admin.knockPorts|22,0", "admin.knockPorts|22,,443", "admin.knockPorts|ssh", "admin.knockPorts|65536",
        "admin.knockMaxTtl|0", "admin.knockMaxTtl|3601", "admin.knockMaxTtl|1.5", "admin.knockMaxTtl|''", "admin.other|1"})
    void badAnswersAreRefused(String key, String value) {
        assertTrue(AdminAnswers.problem(key, value).isPresent(), key + "=" + value);
    }

    @Test
    void goodAnswersBecomeTheConfiguration() {
        assertFalse(AdminAnswers.problem("admin.knockPorts", "22, 8443").isPresent());
        var p = AdminAnswers.properties(Map.of("admin.commands", "on", "admin.knockPorts", "8443,22", "admin.knockMaxTtl", "600"));
        assertArrayEquals(new String[] {"knock=knock"}, (String[]) p.get("commands"));
        assertEquals(true, p.get("baseRuleset"));
        assertEquals("22,8443", p.get("knockPorts"));
        assertEquals("22,8443", p.get("managementPorts"));
        assertEquals(600, p.get("knockMaxTtlSeconds"));
        var off = AdminAnswers.properties(Map.of("admin.commands", "off"));
        assertArrayEquals(new String[0], (String[]) off.get("commands"));
        assertEquals(false, off.get("baseRuleset"));
        assertTrue(AdminAnswers.properties(Map.of()).isEmpty(), "nothing answered: nothing written");
        assertEquals(Set.of("knockMaxTtlSeconds"), AdminAnswers.properties(Map.of("admin.knockMaxTtl", "60")).keySet());
    }

    @Test
    void thePageEscapesAndHasNoScript() {
        String html = AdminCommandsPage.render("t\"<", Map.of("admin.commands", "off", "admin.knockPorts", "<b>22",
                "admin.knockMaxTtl", "600"), Map.of("admin.knockPorts", "field 'admin.knockPorts': not a port: '<b>22'"), false);
        assertFalse(html.contains("<b>") || html.contains("<script") || html.contains("http://") || html.contains("https://"), html);
        assertTrue(html.contains("id=\"ports-error\"") && html.contains("not a port: &#39;&lt;b&gt;22&#39;"), html);
        assertTrue(html.contains("value=\"off\" checked") && html.contains("Nothing was saved"), html);
    }
}
