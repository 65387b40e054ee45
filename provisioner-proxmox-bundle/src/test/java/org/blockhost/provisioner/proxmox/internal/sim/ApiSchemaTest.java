package org.blockhost.provisioner.proxmox.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The double refuses what the real schema refuses, so no test can pass on a request PVE would reject. */
class ApiSchemaTest {
    static ApiSchema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ApiSchema.load();
    }

    static Map<String, String> check(String method, String path, String... kv) {
        ApiSchema.Endpoint ep = schema.match(method, path).orElseThrow(() -> new AssertionError("no " + path));
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return schema.validate(ep, p);
    }

    @Test
    void validRequestsPass() {
        assertEquals(Map.of(), check("POST", "/nodes/pve1/qemu/9000/clone", "newid", "100001", "name", "blockhost-001",
                "pool", "blockhost", "full", "0", "target", "pve2"));
        assertEquals(Map.of(), check("POST", "/nodes/pve1/qemu/100001/config", "cores", "2", "memory", "1024",
                "ciuser", "user", "ipconfig0", "ip=192.0.2.4/24,gw=192.0.2.1", "net0", "virtio,bridge=vmbr0", "agent", "1"));
        assertEquals(Map.of(), check("POST", "/nodes/pve1/qemu/100001/agent/exec", "command", "/usr/bin/getent",
                "command", "passwd"));
        assertEquals(Map.of(), check("PUT", "/nodes/pve1/qemu/100001/resize", "disk", "scsi0", "size", "8G"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "newId|100001|property is not defined in schema",
        "newid|abc|type check ('integer') failed",
        "newid|5|minimum value of 100",
        "name|bad_name!|does not match format dns-name",
        "full|maybe|type check ('boolean') failed",
        "pool|a b|does not match format pve-poolid"})
    void badCloneParametersAreRefused(String name, String value, String error) {
        Map<String, String> e = name.equals("newid") ? check("POST", "/nodes/pve1/qemu/9000/clone", name, value)
                : check("POST", "/nodes/pve1/qemu/9000/clone", "newid", "100001", name, value);
        assertTrue(e.getOrDefault(name, "").contains(error), e.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "net0|virtio,bridg=vmbr0|unknown key 'bridg'",
        "net0|rtl9999,bridge=vmbr0|enumeration",
        "ipconfig0|ip=300.1.1.1/24|invalid format - ip",
        "ipconfig0|ip=dhcp,gateway=1.2.3.4|invalid format - gateway",
        "memory|lots|type check ('integer') failed",
        "cores|0|minimum value of 1",
        "agent|enabled=maybe|type check ('boolean') failed",
        "netx0|x|property is not defined in schema"})
    void badPropertyStringsAreRefused(String name, String value, String error) {
        Map<String, String> e = check("POST", "/nodes/pve1/qemu/100001/config", name, value);
        assertTrue(e.getOrDefault(name, "").contains(error), e.toString());
    }

    @Test
    void guestAgentCallsAreCheckedAsPveChecksThem() {
        String vm = "/nodes/pve1/qemu/900100001/agent/";
        assertEquals(Map.of(), check("POST", vm + "file-write", "content", "blockhost-007\n", "file", "/etc/hostname"));
        assertEquals(Map.of(), check("GET", vm + "file-read", "file", "/etc/ssh/ssh_host_ed25519_key.pub"));
        assertEquals(Map.of(), check("GET", vm + "exec-status", "pid", "4001"));
        assertTrue(check("POST", vm + "file-write", "file", "/etc/hostname").containsKey("content"));
        assertTrue(check("POST", vm + "file-write", "content", "x".repeat(61441), "file", "/etc/hosts").containsKey("content"));
        assertTrue(check("POST", vm + "file-write", "content", "x", "file", "/etc/hosts", "mode", "0644").containsKey("mode"));
        assertTrue(check("GET", vm + "file-read", "file", "/etc/hosts", "count", "0").containsKey("count"));
        assertTrue(check("GET", vm + "exec-status", "pid", "first").containsKey("pid"));
        assertTrue(check("POST", vm + "exec", "input-data", "x").containsKey("command"));
        assertTrue(check("POST", vm + "set-user-password", "username", "user", "password", "abc").containsKey("password"));
        assertTrue(check("POST", "/nodes/pve1/qemu/900100001/config", "tags", "Blockhost 007!").containsKey("tags"));
        assertEquals(Map.of(), check("POST", "/nodes/pve1/qemu/900100001/config", "tags", "blockhost-007"));
    }

    @Test
    void missingRequiredDuplicatesAndUnknownFormatsAreRefused() {
        assertTrue(check("PUT", "/nodes/pve1/qemu/100001/resize", "disk", "scsi0").containsKey("size"));
        assertTrue(check("PUT", "/nodes/pve1/qemu/100001/resize", "disk", "scsi0", "size", "8G", "size", "9G")
                .get("size").contains("duplicate"));
        assertTrue(check("GET", "/nodes/bad_node/qemu/100001/status/current").containsKey("node"));
        assertTrue(Formats.check("pve-userid", "root@pam").contains("not checked by the test server"));
        assertTrue(schema.match("POST", "/nodes/pve1/qemu/100001/explode").isEmpty());
        assertTrue(schema.match("PATCH", "/cluster/resources").isEmpty());
    }
}
