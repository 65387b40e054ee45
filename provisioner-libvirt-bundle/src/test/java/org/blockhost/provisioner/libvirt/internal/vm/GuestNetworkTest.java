package org.blockhost.provisioner.libvirt.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.libvirt.internal.DevHarness;
import org.blockhost.provisioner.libvirt.internal.GuestLogin;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the seed carries besides the user: static guest addresses (pool IPv4, IPv6 /128) with the
 * IPv6 host route, and the pam_web3 login settings; on test:///default.
 */
class GuestNetworkTest {
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    @TempDir
    Path dir;

    @Test
    void poolAddressAndIpv6GoIntoTheSeedAndTheRouteIsManaged() throws Exception {
        try (DevHarness h = harness("2001:db8:1::/64");
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "192.0.2.0/24",
                        "2001:db8:1::/64", 0))) {
            VmInfo info = p.create(spec("blockhost-042"));
            assertEquals("2001:db8:1:0:0:0:0:2a", info.ipv6(), "the /128 goes to core (and the NFT)");
            assertTrue(p.list().contains(info), "listed with it too");
            Map<String, Object> seed = params(h, "seed-create");
            assertEquals("192.0.2.2", seed.get("ipv4_address"));
            assertEquals(24, seed.get("ipv4_prefix"));
            assertEquals("192.0.2.1", seed.get("ipv4_gateway"));
            assertEquals("52:54:00:00:02:02", seed.get("mac"));
            assertEquals("2001:db8:1:0:0:0:0:2a", seed.get("ipv6_address"));
            String nc = isoFile(h.vmDir().resolve("blockhost-042-seed.iso"), "/network-config");
            assertTrue(nc.contains("      - \"192.0.2.2/24\"\n      - \"2001:db8:1:0:0:0:0:2a/128\"\n"), nc);
            assertTrue(nc.contains("gateway4: \"192.0.2.1\"") && nc.contains("macaddress: \"52:54:00:00:02:02\""), nc);
            assertEquals(Map.of("address", "2001:db8:1:0:0:0:0:2a", "device", "virbr0"), params(h, "ip6-route-add"));
            assertFalse(h.actions.contains("ip6-proxy-add"), "a routed prefix needs no neighbour proxy");
            assertEquals(Map.of("name", "blockhost-042", "mac", "52:54:00:00:02:02", "ipv4_address", "192.0.2.2",
                    "ipv6_address", "2001:db8:1:0:0:0:0:2a"), params(h, "vm-isolate"), "isolated with its addresses");
            p.destroy("blockhost-042");
            assertEquals(Map.of("name", "blockhost-042"), params(h, "vm-unisolate"));
            assertEquals(Map.of("address", "2001:db8:1:0:0:0:0:2a", "device", "virbr0"), params(h, "ip6-route-del"));
        }
    }

    @Test
    void loginSettingsGoIntoTheSeed() throws Exception {
        GuestLogin login = GuestLogin.of("127.0.0.1:22001", 31337, "http://127.0.0.1:8080/sign").orElseThrow();
        try (DevHarness h = harness(null);
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "", "", 0,
                        Optional.of(login)))) {
            p.create(spec("blockhost-044"));
            Map<String, Object> seed = params(h, "seed-create");
            assertEquals("127.0.0.1:22001", seed.get("login_host"));
            assertEquals(31337L, seed.get("login_chain_id"));
            assertEquals("http://127.0.0.1:8080/sign", seed.get("signing_url"));
            String ud = isoFile(h.vmDir().resolve("blockhost-044-seed.iso"), "/user-data");
            assertTrue(ud.contains("  - path: /etc/pam_web3.conf\n    owner: root:root\n    permissions: '0644'\n"
                    + "    content: |\n      host = 127.0.0.1:22001\n      chain_id = 31337\n"
                    + "      signing_url = http://127.0.0.1:8080/sign\n      machine = blockhost-044\n"), ud);
            p.destroy("blockhost-044");
        }
    }

    /** Single public address: the VM gets a private pool address; core's public port is forwarded to its port 22. */
    @Test
    void portForwardModeForwardsCoresPublicPortAndRemovesItWithTheVm() throws Exception {
        try (DevHarness h = harness(null);
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.portForwardSettings("test:///default", "192.168.122.0/24"))) {
            VmSpec spec = new VmSpec("blockhost-045", WALLET, new PlanResources(1, 128, 1), "debian", "admin",
                    "blockhost-045", NetworkAllocation.dynamic().withPublicPort(22045));
            VmInfo info = p.create(spec);
            assertEquals("", info.address(), "the NFT takes core's public host");
            assertEquals(22045, info.sshPort());
            assertEquals("192.168.122.2", params(h, "seed-create").get("ipv4_address"));
            assertEquals(Map.of("public_port", 22045, "address", "192.168.122.2", "port", 22), params(h, "port-forward-add"));
            assertEquals("192.168.122.2", params(h, "vm-isolate").get("ipv4_address"));
            h.calls.clear();
            assertEquals(info, p.create(spec), "create is idempotent and forwards again");
            assertEquals(Map.of("public_port", 22045, "address", "192.168.122.2", "port", 22), params(h, "port-forward-add"));
            p.destroy("blockhost-045");
            assertEquals(Map.of("address", "192.168.122.2"), params(h, "port-forward-del"));
            ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.create(spec("blockhost-046")));
            assertFalse(e.retryable(), "without a public port from core the job is parked: " + e.getMessage());
        }
    }

    /** An on-link prefix: the VM's /128 also gets a neighbour proxy entry on the uplink, removed with the VM. */
    @Test
    void anOnLinkPrefixAddsTheNeighbourProxyEntryWithTheRouteAndRemovesItWithTheVm() throws Exception {
        try (DevHarness h = harness("2001:db8:1::/64")) {
            Settings s = new Settings("test:///default", h.vmDir(), h.templateDir(), "network", "default", Optional.empty(),
                    "2001:db8:1::/64", 0, 4.0, 8.0, 1.0, 0, "admin", "qemu", true, List.of(), Optional.empty(), false, "eth0");
            try (LibvirtProvisioner p = new LibvirtProvisioner(h, s)) {
                p.create(spec("blockhost-042"));
                Map<String, Object> entry = Map.of("address", "2001:db8:1:0:0:0:0:2a", "uplink", "eth0");
                assertEquals(entry, params(h, "ip6-proxy-add"));
                assertTrue(h.actions.indexOf("ip6-route-add") < h.actions.indexOf("ip6-proxy-add"), "route first: " + h.actions);
                for (Runnable restart : List.<Runnable>of(() -> run(() -> p.kill("blockhost-042"), () -> p.start("blockhost-042")),
                        () -> run(() -> p.suspend("blockhost-042"), () -> p.resume("blockhost-042")),
                        () -> run(() -> p.kill("blockhost-042"), () -> p.create(spec("blockhost-042"))))) {
                    h.actions.clear();
                    restart.run();
                    assertTrue(h.actions.contains("ip6-route-add") && h.actions.contains("ip6-proxy-add"),
                            "a host reboot empties the kernel's routes and proxy entries: put back on every start " + h.actions);
                }
                p.destroy("blockhost-042");
                assertEquals(entry, params(h, "ip6-proxy-del"));
                assertTrue(h.actions.contains("ip6-route-del"));
            }
        }
    }

    @Test
    void routesAreDryRunInDevMode() throws Exception {
        try (DevHarness h = harness("2001:db8:1::/64")) {
            Map<String, Object> r = h.call("ip6-route-add", Map.of("address", "2001:db8:1::2a", "device", "virbr0"));
            assertEquals(false, r.get("applied"));
            r = h.call("ip6-proxy-add", Map.of("address", "2001:db8:1::2a", "uplink", "eth0"));
            assertEquals(false, r.get("applied"));
        }
    }

    @Test
    void withoutPoolTheGuestUsesDhcp() throws Exception {
        try (DevHarness h = harness(null);
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "", 0))) {
            p.create(spec("blockhost-043"));
            Map<String, Object> seed = params(h, "seed-create");
            assertFalse(seed.containsKey("ipv4_address") || seed.containsKey("ipv6_address"), seed.toString());
            assertFalse(seed.containsKey("login_host"), "no login settings configured");
            assertEquals("", isoFile(h.vmDir().resolve("blockhost-043-seed.iso"), "/network-config"));
            assertFalse(h.actions.contains("ip6-route-add"));
            assertFalse(h.actions.contains("vm-isolate"), "a DHCP guest's address is unknown: not isolated");
            p.destroy("blockhost-043");
            assertFalse(h.actions.contains("ip6-route-del"));
            assertFalse(h.actions.contains("ip6-proxy-add") || h.actions.contains("ip6-proxy-del"));
        }
    }

    private DevHarness harness(String ip6) throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/isoinfo")), "isoinfo (genisoimage) not installed");
        DevHarness h = new DevHarness(dir, "test:///default", ip6);
        Process q = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2",
                h.templateDir().resolve("debian.qcow2").toString(), "1G").inheritIO().start();
        assertTrue(q.waitFor(30, TimeUnit.SECONDS) && q.exitValue() == 0, "qemu-img create");
        return h;
    }

    private static VmSpec spec(String name) {
        return new VmSpec(name, WALLET, new PlanResources(1, 128, 1), "debian", "admin", name, NetworkAllocation.dynamic());
    }

    static Map<String, Object> params(DevHarness h, String action) {
        return h.calls.stream().filter(e -> e.getKey().equals(action)).reduce((a, b) -> b).orElseThrow().getValue();
    }

    static String isoFile(Path iso, String name) throws Exception {
        Process pr = new ProcessBuilder("isoinfo", "-R", "-i", iso.toString(), "-x", name).redirectErrorStream(true).start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(30, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    private interface Step {
        void run() throws ProvisionerException;
    }

    private static void run(Step stop, Step start) {
        try {
            stop.run();
            start.run();
        } catch (ProvisionerException e) {
            throw new AssertionError(e);
        }
    }
}
