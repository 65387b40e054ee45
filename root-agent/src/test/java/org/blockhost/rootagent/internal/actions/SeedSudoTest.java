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

/** seed-create's {@code sudo}: the guest user gets passwordless sudo only when asked for. */
class SeedSudoTest extends SeedTestBase {
    static final String USER = "  - name: admin\n    gecos: \"wallet=0x52908400098527886E0F7030069857D2E4169EE7,nft=7\"\n"
            + "    shell: /bin/bash\n    lock_passwd: true\n";

    @Test
    void sudoTrueGivesTheGuestUserPasswordlessSudo() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        Map<String, Object> p = base();
        p.put("sudo", true);
        agent.call("seed-create", p);
        String ud = isoFile("/user-data");
        assertTrue(ud.contains(USER + "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\nssh_pwauth: false\n"), ud);
    }

    @Test
    void withoutSudoOrWithSudoFalseThereIsNone() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        agent.call("seed-create", base());
        assertFalse(isoFile("/user-data").contains("sudo"), "absent: no sudo");
        Files.delete(iso);
        Map<String, Object> p = base();
        p.put("sudo", false);
        agent.call("seed-create", p);
        String ud = isoFile("/user-data");
        assertTrue(ud.contains(USER + "ssh_pwauth: false\n"), ud);
        assertFalse(ud.contains("sudo"), ud);
    }

    @Test
    void sudoMustBeABoolean() {
        Map<String, Object> p = base();
        p.put("sudo", "yes");
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", p));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind());
    }
}
