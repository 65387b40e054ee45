package org.blockhost.core.internal.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.blockhost.provisioner.api.PlanResources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlanCatalogTest {

    @Test
    void parsesEntries() {
        PlanCatalog c = PlanCatalog.parse(new String[] {"1:1:1024:10", " 2 : 4 : 8192 : 80 ", ""});
        assertEquals(new PlanResources(4, 8192, 80), c.resources(2).orElseThrow());
        assertTrue(c.resources(3).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:1:1024", "x:1:1024:10", "0:1:1024:10", "1:0:1024:10", "1:1:10:10", "1:1:1024:0", "1:1:1024:10:5"})
    void rejectsBadEntriesNamingThem(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse(new String[] {"5:1:1024:10", entry}));
        assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
    }

    @Test
    void rejectsDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse(new String[] {"1:1:1024:10", "1:2:1024:10"}));
    }
}
