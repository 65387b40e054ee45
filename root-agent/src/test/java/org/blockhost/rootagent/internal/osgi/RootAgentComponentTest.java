package org.blockhost.rootagent.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Manifest;

import org.blockhost.rootagent.api.RootAgentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component in both modes (activated by hand), and the bundle's generated metadata. */
class RootAgentComponentTest {
    @TempDir
    Path dir;

    static RootAgentComponent.Config config(Map<String, Object> overrides) {
        return (RootAgentComponent.Config) Proxy.newProxyInstance(RootAgentComponent.Config.class.getClassLoader(),
                new Class<?>[] {RootAgentComponent.Config.class}, (proxy, m, args) -> overrides.containsKey(m.getName())
                        ? overrides.get(m.getName()) : m.getDefaultValue());
    }

    @Test
    void inProcessModeRunsTheActionsInTheDevTree() throws Exception {
        RootAgentComponent c = new RootAgentComponent();
        c.activate(config(Map.of("mode", RootAgentComponent.Mode.inprocess, "devDir", dir.toString(), "group", "daemon")));
        try {
            assertEquals(Map.of("pong", true), c.call("ping", Map.of()));
            c.call("key-write", Map.of("name", "dev", "content", "k"));
            assertTrue(Files.exists(dir.resolve("etc/blockhost/keys/dev.key")));
            assertTrue(Files.isDirectory(dir.resolve("var/lib/blockhost/vms")));
            RootAgentException e = assertThrows(RootAgentException.class, () -> c.call("vm-start", Map.of("name", "x")));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind());
        } finally {
            c.deactivate();
        }
        RootAgentException e = assertThrows(RootAgentException.class, () -> c.call("ping", Map.of()));
        assertEquals(RootAgentException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void daemonModeReportsADownDaemonAsUnavailable() throws Exception {
        RootAgentComponent c = new RootAgentComponent();
        c.activate(config(Map.of("socketPath", dir.resolve("missing.sock").toString(), "connectTimeoutMs", 500)));
        RootAgentException e = assertThrows(RootAgentException.class, () -> c.call("ping", Map.of()));
        assertEquals(RootAgentException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("missing.sock"), e.getMessage());
    }

    @Test
    void bundleManifestEmbedsNonBundlesAndDeclaresTheComponent() throws Exception {
        Path classes = Path.of(System.getProperty("blockhost.test.classes"));
        Manifest mf;
        try (var in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            mf = new Manifest(in);
        }
        var a = mf.getMainAttributes();
        assertEquals("org.blockhost.rootagent", a.getValue("Bundle-SymbolicName"));
        assertEquals("org.blockhost.rootagent.internal.daemon.Main", a.getValue("Main-Class"));
        assertTrue(a.getValue("Class-Path").contains("lib/jna-"));
        String imports = a.getValue("Import-Package");
        assertFalse(imports.contains("org.libvirt"), imports);
        assertFalse(imports.matches("(?s).*org\\.newsclub\\.net\\.unix[;,].*"), imports);
        assertTrue(imports.contains("com.sun.jna") && imports.contains("com.fasterxml.jackson.databind") && imports.contains("org.slf4j"));
        assertTrue(a.getValue("Export-Package") == null, "nothing exported");
        assertTrue(Files.exists(classes.resolve("OSGI-INF/org.blockhost.rootagent.internal.osgi.RootAgentComponent.xml")));
        assertTrue(Files.exists(classes.resolve("OSGI-INF/metatype/org.blockhost.rootagent.internal.osgi.RootAgentComponent$Config.xml")));
        assertTrue(Files.exists(classes.resolve("org/libvirt/Connect.class")));
        assertTrue(Files.exists(classes.resolve("org/newsclub/net/unix/AFUNIXSocket.class")));
    }

    @Test
    void systemdUnitVerifies() throws Exception {
        Path unit = Path.of(System.getProperty("blockhost.test.basedir"), "src/main/systemd/blockhost-root-agent.service");
        String text = Files.readString(unit);
        for (String k : new String[] {"NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=", "PrivateTmp=yes",
            "ProtectHome=yes", "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_PACKET",
            "SystemCallFilter=@system-service", "-Xmx64m", "EnvironmentFile=-/etc/default/blockhost-root-agent",
            "$BLOCKHOST_ROOT_AGENT_ARGS", "ReadWritePaths=-/proc/sys/net/ipv6/conf"}) {
            assertTrue(text.contains(k), k);
        }
        assertFalse(text.contains("MemoryDenyWriteExecute=yes"));
        org.junit.jupiter.api.Assumptions.assumeTrue(org.blockhost.rootagent.internal.TestSupport.has("systemd-analyze"));
        java.util.List<String> out = new java.util.ArrayList<>();
        int rc = org.blockhost.rootagent.internal.TestSupport.run(out, "systemd-analyze", "verify", unit.toString());
        assertEquals(0, rc, out.toString());
    }
}
