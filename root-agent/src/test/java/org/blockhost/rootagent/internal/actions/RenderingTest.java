package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own templates: domain XML, guest-exec JSON, cloud-init documents. */
class RenderingTest {
    @TempDir
    Path dir;

    Args args(String action, Map<String, Object> p) throws Exception {
        AgentConfig c = new AgentConfig(dir, dir, dir, dir, "daemon", "test:///default", null, "blockhost", true,
                Duration.ofSeconds(5));
        return ActionTable.get(action).validate((ObjectNode) Wire.JSON.valueToTree(p), c);
    }

    @Test
    void domainXmlFromTypedParameters() throws Exception {
        Files.writeString(dir.resolve("blockhost-007.qcow2"), "");
        Args a = args("vm-define", Map.of("name", "blockhost-007", "vcpus", 2, "memory_mib", 1024,
                "disk", dir.resolve("blockhost-007.qcow2").toString(), "network", "default", "mac", "52:54:00:00:00:07",
                "loopback_ssh_port", 2207, "virt_type", "qemu"));
        String xml = DomainXml.render(a, "qemu");
        assertTrue(xml.startsWith("<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"), xml);
        assertTrue(xml.contains("<name>blockhost-007</name>"));
        assertTrue(xml.contains("<memory unit='MiB'>1024</memory>"));
        assertTrue(xml.contains("<vcpu>2</vcpu>"));
        assertTrue(xml.contains("<source file='" + dir.toRealPath().resolve("blockhost-007.qcow2") + "'/>"));
        assertTrue(xml.contains("<mac address='52:54:00:00:00:07'/><target dev='bhvm007'/>"), "isolation's NIC name");
        assertTrue(xml.contains("org.qemu.guest_agent.0"));
        assertTrue(xml.contains("hostfwd=tcp:127.0.0.1:2207-:22"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void escapingIsApplied() {
        assertEquals("&lt;a&gt;&amp;&apos;&quot;", DomainXml.esc("<a>&'\""));
    }

    @Test
    void guestExecRunsUsermodWithAFixedArgv() throws Exception {
        GuestExec.Command c = GuestOwner.plan("admin", "0xAbC", Wallets.gecos("0xAbC", "5"), java.util.Optional.of("0xabc"))
                .get(0);
        JsonNode n = Wire.JSON.readTree(QemuGuest.execRequest(c));
        assertEquals("guest-exec", n.path("execute").asText());
        assertEquals("/usr/sbin/usermod", n.path("arguments").path("path").asText());
        assertEquals("[\"-c\",\"wallet=0xAbC,nft=5\",\"admin\"]", n.path("arguments").path("arg").toString());
        assertEquals("{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":42}}", QemuGuest.statusRequest(42));
    }

    /** #23: a guest command that ends at once is seen done within tens of ms (was a fixed 200 ms per poll). */
    @Test
    void guestExecStatusIsPolledSoonThenEvery200Ms() {
        assertEquals(java.util.List.of(20L, 40L, 80L, 160L, 200L, 200L),
                java.util.stream.IntStream.range(0, 6).mapToObj(QemuGuest::pollDelayMillis).toList());
        assertEquals(200L, QemuGuest.pollDelayMillis(Integer.MAX_VALUE));
    }

    @Test
    void cloudInitDocuments() throws Exception {
        Args a = args("seed-create", Map.of("output", dir.resolve("s.iso").toString(), "hostname", "blockhost-001",
                "instance_id", "bh-1", "user", "admin", "engine", "evm",
                "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "3", "wallet_login", false));
        String ud = SeedTemplates.userData(a);
        assertTrue(ud.startsWith("#cloud-config\n"));
        assertTrue(ud.contains("  - name: admin\n"));
        assertTrue(ud.contains("Port 22\n"));
        assertTrue(!ud.contains("KbdInteractiveAuthentication"));
        assertEquals("instance-id: bh-1\nlocal-hostname: blockhost-001\n", SeedTemplates.metaData(a));
    }

    @Test
    void firewallElementsAndTable() throws Exception {
        Args a = args("firewall-open", Map.of("port", 22, "proto", "udp", "source", "198.51.100.7", "ttl", 9));
        assertEquals("198.51.100.7 . udp . 22", Firewall.element(a));
        assertEquals("allow4", Firewall.setName(a));
        assertTrue(Firewall.tableDefinition("blockhost").contains("flags interval,timeout"));
    }
}
