package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

    /** The wizard's network mode: forward and pool need the pool, dhcp takes none; empty = by the pool (older configs). */
    @Test
    void networkModeChoosesPortForward() {
        assertTrue(Settings.from(config(Map.of("networkMode", "forward", "ipv4Pool", "192.168.122.0/24"))).portForward());
        assertFalse(Settings.from(config(Map.of("networkMode", "pool", "ipv4Pool", "192.0.2.0/24"))).portForward());
        assertFalse(Settings.from(config(Map.of("networkMode", "dhcp"))).portForward());
        assertFalse(Settings.from(config(Map.of("ipv4Pool", "192.0.2.0/24"))).portForward());
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("networkMode", "forward"),
                Map.of("networkMode", "pool"), Map.of("networkMode", "dhcp", "ipv4Pool", "192.0.2.0/24"),
                Map.of("networkMode", "nat", "ipv4Pool", "192.0.2.0/24"),
                Map.of("networkMode", "forward", "ipv4Pool", "192.168.122.0/24", "network", ""))) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Settings.from(config(bad)));
            assertTrue(x.getMessage().startsWith("networkMode") || x.getMessage().startsWith("portForward"), x.getMessage());
        }
    }

    @Test
    void poolRangeGatewayAndDnsComeFromTheConfiguration() {
        Settings s = Settings.from(config(Map.of("networkMode", "pool", "ipv4Pool", "192.0.2.0/24", "ipv4Range",
                "192.0.2.100-192.0.2.199", "ipv4Gateway", "192.0.2.254", "ipv4Dns", "192.0.2.53")));
        assertEquals("192.0.2.254", s.pool().orElseThrow().gateway());
        assertEquals(List.of("192.0.2.53"), s.pool().orElseThrow().dns());
        assertEquals("192.0.2.100", s.pool().orElseThrow().allocate(java.util.Set.of()).orElseThrow());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(config(Map.of("ipv4Gateway", "192.0.2.1"))));
        assertEquals("ipv4Gateway: needs ipv4Pool", x.getMessage());
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
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> Settings.from(config(Map.of(e.getKey(), e.getValue()))), e.getKey());
            assertTrue(x.getMessage().startsWith(e.getKey().equals("vmDir") ? "vmDir" : e.getKey()), x.getMessage());
        }
    }

    @Test
    void loginSettingsAndLocalPackages() {
        Settings s = Settings.from(config(Map.of("loginHost", "vm.example.com:2222", "loginChainId", 31337L,
                "signingUrl", "https://host.example/sign?a=1", "templateLocalPackages",
                new String[] {"libpam-web3_0.1.0_amd64.deb"})));
        assertEquals(new GuestLogin("vm.example.com:2222", 31337, "https://host.example/sign?a=1"), s.login().orElseThrow());
        assertEquals(java.util.List.of("libpam-web3_0.1.0_amd64.deb"), s.templateLocalPackages());
        assertTrue(Settings.from(config(Map.of())).login().isEmpty(), "none set: no login settings");
    }

    @Test
    void invalidLoginSettingsNameTheFieldNotTheValue() {
        Map<String, Object> ok = Map.of("loginHost", "vm.example.com", "loginChainId", 1L, "signingUrl", "http://h/s");
        Object[][] bad = {{"loginHost", "vm example"}, {"loginHost", "vm:99999"}, {"loginHost", "-vm"},
            {"loginHost", ""}, {"loginChainId", 0L}, {"loginChainId", 9007199254740992L}, {"loginChainId", -5L},
            {"signingUrl", "ftp://h/s"}, {"signingUrl", "http://h/s'x"}, {"signingUrl", "http://h/s\nchain_id = 1"},
            {"signingUrl", "http://h/s#f"}, {"signingUrl", ""}, {"templateLocalPackages", new String[] {"../x.deb"}},
            {"templateLocalPackages", new String[] {"x.deb", "x.deb"}}, {"templateLocalPackages", new String[] {"x.rpm"}}};
        for (Object[] b : bad) {
            Map<String, Object> m = new HashMap<>(ok);
            m.put((String) b[0], b[1]);
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Settings.from(config(m)),
                    (String) b[0]);
            assertTrue(x.getMessage().startsWith(b[0] + ":"), x.getMessage());
            if (b[1] instanceof String v && !v.isEmpty()) {
                assertTrue(!x.getMessage().contains(v), x.getMessage());
            }
        }
    }

    @SuppressWarnings("unused")
    private static Annotation unused() {
        return null;
    }

    @org.junit.jupiter.api.Test
    void guestSudoIsOnUnlessTheOperatorTurnsItOff() {
        org.junit.jupiter.api.Assertions.assertTrue(Settings.from(config(Map.of())).guestSudo());
        org.junit.jupiter.api.Assertions.assertFalse(Settings.from(config(Map.of("guestSudo", false))).guestSudo());
    }

    /** ipv6Uplink: the interface of an on-link prefix (neighbour proxy); needs the prefix; never lo/all/default. */
    @Test
    void ipv6UplinkNeedsThePrefixAndAValidInterfaceName() {
        assertTrue(Settings.from(config(Map.of())).ipv6ProxyUplink().isEmpty());
        Settings s = Settings.from(config(Map.of("ipv6Prefix", "2001:db8:1::/64", "ipv6Uplink", " eth0.100 ")));
        assertEquals("eth0.100", s.ipv6ProxyUplink().orElseThrow());
        assertTrue(Settings.from(config(Map.of("ipv6Prefix", "2001:db8:1::/64"))).ipv6ProxyUplink().isEmpty(), "routed");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(config(Map.of("ipv6Uplink", "eth0"))));
        assertTrue(x.getMessage().startsWith("ipv6Uplink"), x.getMessage());
        for (String bad : List.of("lo", "all", "default", "eth0;reboot", "../all", "a234567890123456", "-x", "eth 0")) {
            x = assertThrows(IllegalArgumentException.class,
                    () -> Settings.from(config(Map.of("ipv6Prefix", "2001:db8:1::/64", "ipv6Uplink", bad))), bad);
            assertTrue(x.getMessage().startsWith("ipv6Uplink"), x.getMessage());
        }
    }
}
