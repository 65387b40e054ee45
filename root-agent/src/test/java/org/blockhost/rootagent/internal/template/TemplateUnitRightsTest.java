package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H6: what each unit may do. The template unit has the rights debootstrap needs and the agent's unit
 * has none of them; the kernel checks it: the operations debootstrap performs (chroot, mknod of a
 * device node, mounting proc in the target) are run under each unit's capability bounding set
 * ({@code setpriv}, in a private mount namespace).
 */
class TemplateUnitRightsTest {
    static final String AGENT = "blockhost-root-agent.service";
    static final String TEMPLATE = TemplateUnitTest.UNIT;
    static final Set<String> DEBOOTSTRAP_CAPS = Set.of("CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_SYS_ADMIN", "CAP_CHOWN",
            "CAP_FOWNER", "CAP_FSETID", "CAP_SETUID", "CAP_SETGID", "CAP_SETFCAP", "CAP_DAC_OVERRIDE");

    @TempDir
    Path dir;

    @Test
    void bothUnitsVerify() throws Exception {
        assumeTrue(TestSupport.has("systemd-analyze"));
        List<String> out = new ArrayList<>();
        int rc = TestSupport.run(out, "systemd-analyze", "verify", UnitFiles.path(AGENT).toString(),
                UnitFiles.path(TEMPLATE).toString());
        assertEquals(0, rc, out.toString());
        assertTrue(out.stream().noneMatch(l -> l.contains("blockhost")), "no warnings: " + out);
    }

    @Test
    void theAgentDelegatesAndHasNoneOfTheBuildRights() throws Exception {
        String agent = UnitFiles.read(AGENT);
        String exec = UnitFiles.value(agent, "ExecStart");
        assertTrue(exec.contains("--template-unit " + TEMPLATE), exec);
        Set<String> caps = UnitFiles.words(agent, "CapabilityBoundingSet");
        for (String c : List.of("CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID")) {
            assertFalse(caps.contains(c), c);
        }
        // ping and dhclient for the host network actions; no AF_INET6 (the mirror is the template unit's)
        assertEquals(Set.of("AF_UNIX", "AF_NETLINK", "AF_INET", "AF_PACKET"), UnitFiles.words(agent, "RestrictAddressFamilies"));
        assertEquals("yes", UnitFiles.value(agent, "RestrictSUIDSGID"));
        assertEquals("yes", UnitFiles.value(agent, "PrivateDevices"));
    }

    @Test
    void theTemplateUnitHasExactlyWhatTheBuildNeeds() throws Exception {
        String unit = UnitFiles.read(TEMPLATE);
        assertEquals("oneshot", UnitFiles.value(unit, "Type"));
        assertEquals("", UnitFiles.value(unit, "WantedBy"), "started by the agent only, never enabled");
        Set<String> caps = UnitFiles.words(unit, "CapabilityBoundingSet");
        assertTrue(caps.containsAll(DEBOOTSTRAP_CAPS), caps.toString());
        assertFalse(caps.contains("CAP_NET_ADMIN") || caps.contains("CAP_SYS_MODULE") || caps.contains("CAP_SYS_PTRACE"),
                caps.toString());
        assertTrue(UnitFiles.words(unit, "RestrictAddressFamilies").containsAll(Set.of("AF_INET", "AF_INET6")));
        assertTrue(UnitFiles.words(unit, "SystemCallFilter").contains("@mount"), "chroot and mount");
        assertNotEquals("yes", UnitFiles.value(unit, "RestrictSUIDSGID"));
        assertNotEquals("yes", UnitFiles.value(unit, "PrivateDevices"));
        assertEquals("yes", UnitFiles.value(unit, "NoNewPrivileges"));
        assertEquals("strict", UnitFiles.value(unit, "ProtectSystem"));
        assertEquals(Set.of("/var/lib/blockhost/templates", "/var/lib/blockhost/root-agent/template-build"),
                UnitFiles.words(unit, "ReadWritePaths"));
        assertTrue(UnitFiles.words(unit, "InaccessiblePaths").containsAll(Set.of("-/etc/blockhost/keys", "-/run/blockhost")));
    }

    @Test
    void theKernelAllowsDebootstrapsOperationsUnderTheTemplateUnitOnly() throws Exception {
        assumeTrue(TestSupport.isRoot() && TestSupport.has("setpriv") && TestSupport.has("unshare"), "needs root");
        assertEquals("", probe(TEMPLATE), "the template unit can chroot, mknod and mount");
        assertEquals("chroot mknod mount", probe(AGENT), "the agent's unit can do none of them");
    }

    /** The operations that failed under the unit's bounding set, space-separated. */
    private String probe(String unit) throws Exception {
        Path target = Files.createDirectories(dir.resolve(unit).resolve("proc")).getParent();
        String bounding = "-all," + UnitFiles.words(UnitFiles.read(unit), "CapabilityBoundingSet").stream()
                .map(c -> "+" + c.substring(4).toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
        String script = "f=''; chroot / /bin/true 2>/dev/null || f=\"$f chroot\"; "
                + "mknod " + target + "/null c 1 3 2>/dev/null || f=\"$f mknod\"; "
                + "mount -t proc proc " + target + "/proc 2>/dev/null || f=\"$f mount\"; echo \"$f\"";
        List<String> out = new ArrayList<>();
        int rc = TestSupport.run(out, "unshare", "--mount", "--propagation", "private", "setpriv",
                "--bounding-set", bounding, "--inh-caps", "-all", "/bin/sh", "-c", script);
        assertEquals(0, rc, out.toString());
        return String.join("", out).strip();
    }
}
