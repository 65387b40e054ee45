package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Map;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;

/** seed-create for a warm-pool VM: no engine and no wallet, a GECOS pam_web3 lets nobody in with. */
class SeedPoolTest extends SeedTestBase {
    @Test
    void aSeedWithoutOwnerGivesTheUserThePoolGecos() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        Map<String, Object> p = base();
        p.remove("engine");
        p.remove("wallet");
        agent.call("seed-create", p);
        String ud = isoFile("/user-data");
        assertTrue(ud.contains("  - name: admin\n    gecos: \"blockhost-pool\"\n"), ud);
        assertFalse(ud.contains("wallet="), ud);
    }

    @Test
    void engineAndWalletGoTogether() throws Exception {
        Map<String, Object> noWallet = base();
        noWallet.remove("wallet");
        Map<String, Object> noEngine = base();
        noEngine.remove("engine");
        for (Map<String, Object> p : java.util.List.of(noWallet, noEngine)) {
            RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", p));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains("engine and wallet go together"), e.getMessage());
        }
        assertFalse(Files.exists(iso), "nothing written");
    }
}
