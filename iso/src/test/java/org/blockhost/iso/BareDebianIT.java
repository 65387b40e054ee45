package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Opt-in ({@code -Dblockhost.iso.debootstrap=true}, root, the Debian mirror; ~4 min here): the four
 * packages install into a bare debootstrap minbase Debian 12 from the ISO's pool alone, offline, and
 * leave the H5 layout ({@code src/test/sh/pool-in-debootstrap.sh}).
 */
class BareDebianIT {
    @Test
    void thePoolInstallsOurPackagesOnABareDebianOffline() throws Exception {
        assumeTrue(Boolean.getBoolean("blockhost.iso.debootstrap"), "opt-in: -Dblockhost.iso.debootstrap=true");
        assumeTrue("root".equals(System.getProperty("user.name")), "debootstrap and namespaces need root");
        Tools.Result r = Tools.run(List.of("sh", Tools.src().resolveSibling("test/sh/pool-in-debootstrap.sh").toString(),
                System.getProperty("blockhost.iso.pool")));
        assertFalse(r.out().contains("FAIL: "), r.out());
        for (String check : List.of("debootstrap", "install_offline_from_pool", "installed", "layout")) {
            assertTrue(r.out().contains("PASS: " + check + "\n"), check + " did not pass:\n" + r.out());
        }
    }
}
