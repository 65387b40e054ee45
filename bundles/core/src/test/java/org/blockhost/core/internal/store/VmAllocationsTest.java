package org.blockhost.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core owns each VM's public port (port-forward mode): 22000 + number, kept, freed at destroy. */
class VmAllocationsTest {
    @TempDir
    Path dir;

    @Test
    void portIsBasePlusNumberKeptAndUniqueUntilReleased() {
        try (Database db = Database.open(dir.resolve("f.db"))) {
            assertEquals(22001, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-001")));
            assertEquals(22001, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-001")), "kept");
            assertEquals(22042, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-042")));
            // a VM number beyond 65535 - 22000 takes the lowest free port
            assertEquals(22002, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-123456789")));
            db.write(c -> {
                VmAllocations.release(c, "blockhost-042");
                return null;
            });
            assertEquals(22003, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-99999")));
            assertEquals(Long.valueOf(3), db.read(c -> Sql.count(c,
                    "SELECT COUNT(*) FROM allocations WHERE kind = ?", VmAllocations.KIND)));
            assertEquals(22042, (int) db.write(c -> VmAllocations.allocate(c, "blockhost-042")), "freed and given again");
            db.write(c -> {
                VmAllocations.recordIpv6(c, "blockhost-042", "2001:db8::2a");
                VmAllocations.recordIpv6(c, "blockhost-042", "2001:db8::2a");
                return null;
            });
            assertEquals("2001:db8::2a", db.read(c -> VmAllocations.ipv6(c, "blockhost-042")).orElseThrow());
            db.write(c -> {
                VmAllocations.release(c, "blockhost-042");
                return null;
            });
            assertTrue(db.read(c -> VmAllocations.ipv6(c, "blockhost-042")).isEmpty(), "released with the port");
        }
    }
}
