package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

public class SettingsTest {
    /** A config annotation instance with defaults, some overridden. */
    public static LibvirtConfig config(Map<String, Object> overrides) {
        return (LibvirtConfig) java.lang.reflect.Proxy.newProxyInstance(LibvirtConfig.class.getClassLoader(),
                new Class<?>[] {LibvirtConfig.class}, (proxy, m, args) -> {
                    if (m.getName().equals("annotationType")) {
                        return LibvirtConfig.class;
                    }
                    return overrides.containsKey(m.getName()) ? overrides.get(m.getName()) : m.getDefaultValue();
                });
    }

    @Test
    void defaultsAreProductionValues() {
        Settings s = Settings.from(config(Map.of()));
        assertEquals("qemu:///system", s.uri());
        assertEquals(Path.of("/var/lib/blockhost/vms"), s.vmDir());
        assertEquals("kvm", s.virtType());
        assertTrue(s.pool().isEmpty());
        assertTrue(s.hasNic());
    }

    @Test
    void devValuesAreAccepted() {
        Settings s = Settings.from(config(Map.of("uri", "test:///default", "ipv4Pool", "192.0.2.0/24",
                "network", "", "virtType", "qemu")));
        assertEquals("192.0.2.0/24", s.pool().orElseThrow().toString());
        assertTrue(!s.hasNic());
    }

    @Test
    void invalidValuesNameTheField() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("uri", "qemu:///system?socket=/tmp/x");
        bad.put("vmDir", "relative/dir");
        bad.put("netType", "macvtap");
        bad.put("network", "br0; rm");
        bad.put("ipv4Pool", "192.0.2.1/24");
        bad.put("loopbackSshPortBase", 70000);
        bad.put("cpuOvercommit", 0.0);
        bad.put("guestUser", "Root");
        bad.put("virtType", "xen");
        bad.put("graceDays", -1);
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> Settings.from(config(Map.of(e.getKey(), e.getValue()))), e.getKey());
            assertTrue(x.getMessage().startsWith(e.getKey().equals("vmDir") ? "vmDir" : e.getKey()), x.getMessage());
        }
    }

    @SuppressWarnings("unused")
    private static Annotation unused() {
        return null;
    }
}
