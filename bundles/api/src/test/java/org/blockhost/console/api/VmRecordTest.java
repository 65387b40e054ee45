package org.blockhost.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VmRecordTest {

    @Test
    void toMapIsTheShapeTheCliAndTheAdminApiShow() {
        var v = new VmRegistry.VmRecord("blockhost-001", 1, "0xabc", Optional.empty(), "active",
                Instant.parse("2027-01-01T00:00:00Z"), true, 2);
        var m = v.toMap();
        assertEquals(List.of("name", "subscription", "state", "owner", "token", "plan", "expires", "held", "ready", "readyAt", "provisioner"),
                List.copyOf(m.keySet()));
        assertEquals(false, m.get("ready"));
        assertEquals(null, m.get("readyAt"));
        assertEquals(null, m.get("token"));
        assertEquals(2L, m.get("plan"));
        assertEquals("2027-01-01T00:00:00Z", m.get("expires"));
        assertEquals(7L, new VmRegistry.VmRecord("x", 1, "o", Optional.of(7L), "s", Instant.EPOCH, false).toMap().get("token"));
        var ready = new VmRegistry.VmRecord("x", 1, "o", Optional.empty(), "active", Instant.EPOCH, false, 1,
                Optional.of(Instant.parse("2027-01-01T00:01:00Z"))).toMap();
        assertEquals(true, ready.get("ready"));
        assertEquals("2027-01-01T00:01:00Z", ready.get("readyAt"));
    }
}
