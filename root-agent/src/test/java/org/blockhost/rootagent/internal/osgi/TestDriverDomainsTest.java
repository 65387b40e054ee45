package org.blockhost.rootagent.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Dev mode keeps its test-driver domains across agent restarts: the first agent is closed so the
 * process holds no connection and the test driver forgets everything; a new agent restores them.
 */
class TestDriverDomainsTest {
    static final String URI = "test:///default";
    @TempDir
    Path dir;

    @Test
    void domainsAndStatesSurviveARestart() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig config = AgentConfig.dev(dir, "daemon", URI, null);
        Path vms = Files.createDirectories(config.vmDir());
        try (InProcessAgent a = new InProcessAgent(config)) {
            define(a, "blockhost-101", vms);
            a.call("vm-start", Map.of("name", "blockhost-101"));
            define(a, "blockhost-102", vms);
            a.call("vm-start", Map.of("name", "blockhost-102"));
            a.call("vm-suspend", Map.of("name", "blockhost-102"));
            define(a, "blockhost-103", vms);
            define(a, "blockhost-104", vms);
            a.call("vm-start", Map.of("name", "blockhost-104"));
            a.call("vm-destroy", Map.of("name", "blockhost-104"));
            define(a, "blockhost-105", vms);
            a.call("vm-undefine", Map.of("name", "blockhost-105"));
        }
        assertEquals(List.of(), ourDomains(), "the test driver forgot everything once no connection was left");
        assertEquals("saved\n", Files.readString(vms.resolve(".testdriver/blockhost-102.state")));
        assertFalse(Files.exists(vms.resolve(".testdriver/blockhost-105.xml")), "undefined: forgotten");

        try (InProcessAgent b = new InProcessAgent(config)) {
            assertEquals("running", state(b, "blockhost-101"));
            assertEquals("saved", state(b, "blockhost-102"), "suspended = managed save, restored as saved");
            assertEquals("shutoff", state(b, "blockhost-103"));
            assertEquals("shutoff", state(b, "blockhost-104"));
            assertThrows(RootAgentException.class, () -> state(b, "blockhost-105"));
            // the provisioner's read-only connection shares the process's test driver state
            assertEquals(List.of("blockhost-101", "blockhost-102", "blockhost-103", "blockhost-104"), ourDomains());
            b.call("vm-resume", Map.of("name", "blockhost-102"));
            b.call("vm-undefine", Map.of("name", "blockhost-101"));
        }
        try (InProcessAgent c = new InProcessAgent(config)) {
            assertEquals("running", state(c, "blockhost-102"));
            assertThrows(RootAgentException.class, () -> state(c, "blockhost-101"));
            for (String n : List.of("blockhost-102", "blockhost-103", "blockhost-104")) {
                c.call("vm-undefine", Map.of("name", n));
            }
        }
    }

    @Test
    void corruptRecordsAreSkippedNotFatal() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig config = AgentConfig.dev(dir, "daemon", URI, null);
        Path rec = Files.createDirectories(config.vmDir().resolve(".testdriver"));
        Files.writeString(rec.resolve("blockhost-201.xml"), "<domain type='test'><name>blockhost-999</name></domain>");
        Files.writeString(rec.resolve("blockhost-201.state"), "running\n");
        Files.writeString(rec.resolve("blockhost-202.xml"), "not xml");
        Files.writeString(rec.resolve("blockhost-202.state"), "running\n");
        Files.writeString(rec.resolve("evil.xml"), "<domain type='test'><name>evil</name></domain>");
        try (InProcessAgent a = new InProcessAgent(config)) {
            assertEquals(List.of(), ourDomains());
            assertEquals(RootAgentException.Kind.FAILED,
                    assertThrows(RootAgentException.class, () -> state(a, "blockhost-201")).kind());
        }
    }

    private static void define(InProcessAgent a, String name, Path vms) throws Exception {
        Path disk = Files.writeString(vms.resolve(name + ".qcow2"), "overlay");
        a.call("vm-define", Map.of("name", name, "vcpus", 1, "memory_mib", 128, "virt_type", "qemu",
                "disk", disk.toString()));
    }

    private static String state(InProcessAgent a, String name) throws RootAgentException {
        return (String) a.call("vm-state", Map.of("name", name)).get("state");
    }

    /** Names of this test's domains as another (read-only) connection in this process sees them. */
    private static List<String> ourDomains() throws LibvirtException {
        Connect c = new Connect(URI, true);
        try {
            String[] inactive = c.listDefinedDomains();
            List<String> names = new java.util.ArrayList<>(Arrays.asList(inactive));
            for (int id : c.listDomains()) {
                org.libvirt.Domain d = c.domainLookupByID(id);
                names.add(d.getName());
                d.free();
            }
            return names.stream().filter(n -> n.startsWith("blockhost-")).sorted().toList();
        } finally {
            c.close();
        }
    }
}
