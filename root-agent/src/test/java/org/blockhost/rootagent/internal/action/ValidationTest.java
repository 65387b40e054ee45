package org.blockhost.rootagent.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strict validation per action: injections, traversal, ranges, types. Nothing here runs a command. */
class ValidationTest {
    @TempDir
    static Path dir;
    static AgentConfig config;
    static final String LONG = "a".repeat(5000);

    @BeforeAll
    static void layout() throws Exception {
        for (String d : new String[] {"keys", "vms", "templates", "state", "outside"}) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.writeString(dir.resolve("vms/disk.qcow2"), "x");
        Files.writeString(dir.resolve("templates/debian.qcow2"), "x");
        Files.writeString(dir.resolve("outside/secret.qcow2"), "x");
        Files.createSymbolicLink(dir.resolve("vms/escape.qcow2"), dir.resolve("outside/secret.qcow2"));
        Files.createSymbolicLink(dir.resolve("vms/linkdir"), dir.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("vms/inside.qcow2"), dir.resolve("vms/disk.qcow2"));
        config = new AgentConfig(dir.resolve("keys"), dir.resolve("vms"), dir.resolve("templates"), dir.resolve("state"),
                "daemon", "test:///default", IpPrefix.parse("fd00:b10c::/64"), "blockhost", true, Duration.ofSeconds(5));
    }

    static Args validate(String action, Map<String, Object> params) throws ActionException {
        JsonNode n = Wire.JSON.valueToTree(params);
        return ActionTable.get(action).validate((com.fasterxml.jackson.databind.node.ObjectNode) n, config);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    static final Map<String, Object> FW = Map.of("port", 22, "proto", "tcp", "source", "203.0.113.0/24", "ttl", 60);
    static final Map<String, Object> VM = Map.of("name", "blockhost-001", "vcpus", 1, "memory_mib", 512);
    static final Map<String, Object> OWNER = Map.of("name", "blockhost-001", "user", "admin", "engine", "evm",
            "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "1");
    static final Map<String, Object> ASSIGN = Map.of("name", "blockhost-900000001", "hostname", "blockhost-042");
    static final Map<String, Object> NOTICE = Map.of("name", "blockhost-001", "expires_at", 1_800_000_000L,
            "renew_url", "https://host.example:8443/servers", "kind", "banner");

    static Stream<Arguments> invalid() {
        String vms = dir.resolve("vms").toString();
        return Stream.of(
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.1; rm -rf /")),
                Arguments.of("firewall-open", with(FW, "source", "$(reboot)")),
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.1 ")),
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.1\n")),
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.1\u0000")),
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.0/33")),
                Arguments.of("firewall-open", with(FW, "source", "10.0.0.1/24")),
                Arguments.of("firewall-open", with(FW, "source", "010.0.0.1")),
                Arguments.of("firewall-open", with(FW, "source", "::ffff:1.2.3.4")),
                Arguments.of("firewall-open", with(FW, "source", "fe80::1%eth0")),
                Arguments.of("firewall-open", with(FW, "source", "localhost")),
                Arguments.of("firewall-open", with(FW, "source", LONG)),
                Arguments.of("firewall-open", with(FW, "source", null)),
                Arguments.of("firewall-open", with(FW, "port", 0)),
                Arguments.of("firewall-open", with(FW, "port", 65536)),
                Arguments.of("firewall-open", with(FW, "port", -1)),
                Arguments.of("firewall-open", with(FW, "port", new java.math.BigInteger("99999999999999999999999"))),
                Arguments.of("firewall-open", with(FW, "port", 22.0)),
                Arguments.of("firewall-open", with(FW, "ttl", 0)),
                Arguments.of("firewall-open", with(FW, "ttl", 3601)),
                Arguments.of("firewall-open", with(FW, "proto", "icmp")),
                Arguments.of("firewall-open", with(FW, "proto", "TCP")),
                Arguments.of("firewall-open", with(FW, "extra", 1)),
                Arguments.of("firewall-close", FW),
                Arguments.of("port-forward-add", Map.of("public_port", 80, "address", "10.0.0.2")),
                Arguments.of("port-forward-add", Map.of("public_port", 22001, "address", "10.0.0.0/24")),
                Arguments.of("port-forward-add", Map.of("public_port", 22001, "address", "10.0.0.2;nft flush ruleset")),
                Arguments.of("port-forward-add", Map.of("public_port", 22001, "address", "fd00::2")),
                Arguments.of("port-forward-del", Map.of("address", "10.0.0.2", "public_port", 22001)),
                Arguments.of("vm-isolate", Map.of("name", "blockhost-001", "mac", "52:54:00:00:00:01\"")),
                Arguments.of("vm-isolate", Map.of("name", "blockhost-001", "mac", "52:54:00:00:00:01", "ipv4_address", "x")),
                Arguments.of("vm-unisolate", Map.of("name", "blockhost-001 x")),
                Arguments.of("ip6-route-add", Map.of("address", "fd00:b10d::1", "device", "br0")),
                Arguments.of("ip6-route-add", Map.of("address", "fd00:b10c::/80", "device", "br0")),
                Arguments.of("ip6-route-add", Map.of("address", "10.0.0.1", "device", "br0")),
                Arguments.of("ip6-route-add", Map.of("address", "fd00:b10c::1", "device", "br0;ip")),
                Arguments.of("ip6-route-add", Map.of("address", "fd00:b10c::1", "device", "br 0")),
                Arguments.of("ip6-route-add", Map.of("address", "fd00:b10c::1", "device", "a234567890123456")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10d::1", "uplink", "eth0")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::/120", "uplink", "eth0")),
                Arguments.of("ip6-proxy-add", Map.of("address", "10.0.0.1", "uplink", "eth0")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "lo")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "all")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "default")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "../all")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "eth0;ip")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "eth0/proxy_ndp")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1", "uplink", "a234567890123456")),
                Arguments.of("ip6-proxy-add", Map.of("address", "fd00:b10c::1")),
                Arguments.of("ip6-proxy-del", Map.of("address", "fd00:b10c::1", "uplink", "eth0", "device", "br0")),
                Arguments.of("ip6-proxy-del", Map.of("address", "fd00:b10c::1%eth0", "uplink", "eth0")),
                Arguments.of("key-write", Map.of("name", "../etc/shadow", "content", "x")),
                Arguments.of("key-write", Map.of("name", "a/b", "content", "x")),
                Arguments.of("key-write", Map.of("name", "", "content", "x")),
                Arguments.of("key-write", Map.of("name", "Upper", "content", "x")),
                Arguments.of("key-write", Map.of("name", "ok", "content", "x\u0000y")),
                Arguments.of("key-write", Map.of("name", "ok", "content", "z".repeat(16385))),
                Arguments.of("key-write", Map.of("name", "ok", "content", "x", "overwrite", "yes")),
                Arguments.of("vm-start", Map.of("name", "blockhost-1")),
                Arguments.of("vm-start", Map.of("name", "blockhost-001;reboot")),
                Arguments.of("vm-start", Map.of("name", "blockhost-001\n")),
                Arguments.of("vm-start", Map.of("name", "template-../x")),
                Arguments.of("vm-start", Map.of("name", "other")),
                Arguments.of("vm-define", with(VM, "vcpus", 0)),
                Arguments.of("vm-define", with(VM, "vcpus", 65)),
                Arguments.of("vm-define", with(VM, "memory_mib", 63)),
                Arguments.of("vm-define", with(VM, "mac", "00:11:22:33:44:55")),
                Arguments.of("vm-define", with(VM, "network", "br0 x")),
                Arguments.of("vm-define", with(VM, "xml", "<domain/>")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/../templates/debian.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/./disk.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "//disk.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/escape.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/inside.qcow2")),
                Arguments.of("firewall-open", with(FW, "source", "0.0.0.0/0")),
                Arguments.of("firewall-open", with(FW, "source", "::/0")),
                Arguments.of("firewall-open", with(FW, "source", "8.0.0.0/7")),
                Arguments.of("firewall-open", with(FW, "source", "2000::/31")),
                Arguments.of("firewall-close", Map.of("port", 22, "proto", "tcp", "source", "0.0.0.0/0")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/linkdir/secret.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", "vms/disk.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/missing.qcow2")),
                Arguments.of("vm-define", with(VM, "disk", vms + "/disk.qcow2\u0000")),
                Arguments.of("vm-define", with(VM, "disk", "/etc/passwd")),
                Arguments.of("vm-define", with(VM, "seed", vms + "/disk.qcow2")),
                Arguments.of("disk-create", Map.of("template", dir.resolve("outside/secret.qcow2").toString(),
                        "overlay", vms + "/new.qcow2")),
                Arguments.of("disk-create", Map.of("template", dir.resolve("templates/debian.qcow2").toString(),
                        "overlay", vms + "/disk.qcow2")),
                Arguments.of("disk-create", Map.of("template", dir.resolve("templates/debian.qcow2").toString(),
                        "overlay", vms + "/linkdir/new.qcow2")),
                Arguments.of("disk-create", Map.of("template", dir.resolve("templates/debian.qcow2").toString(),
                        "overlay", vms + "/new.qcow2", "size_gib", 0)),
                Arguments.of("seed-create", Map.of("output", vms + "/s.iso", "hostname", "a;b", "instance_id", "i",
                        "user", "u", "engine", "evm", "wallet", "0x0", "nft_id", "1")),
                Arguments.of("vm-set-owner", with(OWNER, "engine", "btc")),
                Arguments.of("vm-set-owner", with(OWNER, "user", "root x")),
                Arguments.of("vm-set-owner", with(OWNER, "nft_id", "01")),
                Arguments.of("vm-set-owner", with(OWNER, "wallet", "0x5290$(reboot)")),
                Arguments.of("vm-assign", with(ASSIGN, "hostname", "blockhost-042/;reboot")),
                Arguments.of("vm-assign", with(ASSIGN, "hostname", "Blockhost-042")),
                Arguments.of("vm-assign", with(ASSIGN, "hostname", "blockhost-042\nmachine = x")),
                Arguments.of("vm-assign", with(ASSIGN, "name", "../blockhost-001")),
                Arguments.of("vm-assign", with(with(with(ASSIGN, "user", "admin"), "engine", "evm"), "wallet", "0x1$(reboot)")),
                Arguments.of("vm-assign", with(with(with(ASSIGN, "user", "admin;x"), "engine", "evm"), "wallet",
                        "0x52908400098527886E0F7030069857D2E4169EE7")),
                Arguments.of("vm-assign", with(ASSIGN, "engine", "bash")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "http://host.example/servers")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example/servers?x=1")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example/a b")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example/x\n\u001b[2J")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://user@host.example/servers")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example/$(reboot)")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "renew_url", "https://host.example/%0a")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "expires_at", 946_684_799L)),
                Arguments.of("vm-expiry-notice", with(NOTICE, "expires_at", 253_402_300_800L)),
                Arguments.of("vm-expiry-notice", with(NOTICE, "expires_at", "1800000000; wall pwned")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "kind", "shell")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "text", "free text")),
                Arguments.of("vm-expiry-notice", with(NOTICE, "name", "blockhost-001;reboot")));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejected(String action, Map<String, Object> params) {
        ActionException e = assertThrows(ActionException.class, () -> validate(action, params));
        assertEquals(ActionException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().length() < 400, "message stays short: " + e.getMessage());
    }

    @Test
    void validParametersPass() throws Exception {
        String vms = dir.resolve("vms").toString();
        validate("firewall-open", FW);
        validate("firewall-open", with(FW, "source", "2001:db8::/32"));
        validate("firewall-open", with(FW, "source", "2001:DB8::1"));
        validate("ip6-route-add", Map.of("address", "fd00:b10c::42", "device", "br0"));
        validate("key-write", Map.of("name", "deployer", "content", "0xabc\n"));
        Args a = validate("vm-define", with(with(VM, "disk", vms + "/disk.qcow2"), "mac", "52:54:00:ab:cd:ef"));
        assertEquals(dir.resolve("vms/disk.qcow2"), a.path("disk").path());
        validate("firewall-open", with(FW, "source", "10.0.0.0/8"));
        validate("vm-set-owner", OWNER);
        validate("vm-expiry-notice", NOTICE);
        validate("vm-expiry-notice", with(with(NOTICE, "renew_url", "https://[2001:db8::1]/servers"), "kind", "wall"));
    }

    /** H5: libvirtd opens the whole backing chain as root, so vm-define checks it first. */
    @Test
    void vmDefineRefusesAnOverlayWhoseBackingFileIsNotATemplate() throws Exception {
        assumeTrue(TestSupport.has("qemu-img"), "qemu-img not installed");
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        Path tpl = dir.resolve("templates/base.qcow2");
        Path good = dir.resolve("vms/good.qcow2");
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", tpl.toString(), "16M"));
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", "-b", tpl.toString(), "-F", "qcow2",
                good.toString()));
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", "-b", "/etc/passwd", "-F", "raw",
                dir.resolve("vms/passwd.qcow2").toString(), "16M"));
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", "-b", good.toString(), "-F",
                "qcow2", dir.resolve("vms/chained.qcow2").toString()));
        try (InProcessAgent a = new InProcessAgent(config)) {
            for (String bad : new String[] {"passwd.qcow2", "chained.qcow2"}) {
                RootAgentException e = assertThrows(RootAgentException.class, () -> a.call("vm-define",
                        with(with(VM, "disk", dir.resolve("vms/" + bad).toString()), "virt_type", "qemu")));
                assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("backing"), e.getMessage());
            }
            a.call("vm-define", with(with(with(VM, "name", "blockhost-002"), "disk", good.toString()), "virt_type", "qemu"));
        }
    }

    @Test
    void wrongWalletForEngineIsRejectedByTheAction() {
        ActionException e = assertThrows(ActionException.class,
                () -> org.blockhost.rootagent.internal.actions.Wallets.check("evm", "0x1234"));
        assertEquals(ActionException.Kind.REJECTED, e.kind());
    }

    @Test
    void everyActionDeclaresOnlyNamedTypedParameters() {
        assertEquals(34, ActionTable.all().size());
        ActionTable.all().values().forEach(s -> s.params().forEach(p -> assertTrue(p.name().matches("[a-z][a-z0-9_]*"))));
    }
}
