package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** firewall-base without root: the rendered ruleset and the refused parameters (dry-run context). */
class FirewallBaseTest {
    @TempDir
    Path dir;

    private AgentConfig config() {
        return new AgentConfig(dir, dir, dir, dir, "blockhost", "test:///default", null, "blockhost", true,
                Duration.ofSeconds(5));
    }

    private Args validate(String json) throws Exception {
        return ActionTable.get("firewall-base").validate((ObjectNode) Wire.JSON.readTree(json), config());
    }

    @Test
    void scriptReplacesOneChainThatDropsOnlyTheManagementPorts() {
        String s = FirewallBase.script("blockhost-base", List.of(443, 22, 22));
        assertEquals("table inet blockhost-base {\n"
                + "  chain input { type filter hook input priority 0; policy accept; }\n"
                + "}\n"
                + "flush chain inet blockhost-base input\n"
                + "add rule inet blockhost-base input meta mark & 0x40000000 == 0x40000000 accept comment \"blockhost-allow\"\n"
                + "add rule inet blockhost-base input iif lo accept\n"
                + "add rule inet blockhost-base input ct state established,related accept\n"
                + "add rule inet blockhost-base input tcp dport { 22, 443 } drop\n", s);
    }

    @Test
    void dryRunValidatesAndAppliesNothing() throws Exception {
        Map<String, Object> r = FirewallBase.apply(validate("{\"ports\":[\"22\",\"8443\"]}"), new AgentContext(config()));
        assertEquals(Map.of("table", "blockhost-base", "ports", List.of(22, 8443), "applied", false), r);
        assertEquals(false, FirewallBase.clear(ActionTable.get("firewall-base-clear")
                .validate(Wire.JSON.createObjectNode(), config()), new AgentContext(config()))
                .get("applied"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"ports\":[]}", "{\"ports\":[22]}", "{\"ports\":[\"0\"]}", "{\"ports\":[\"022\"]}",
        "{\"ports\":[\"22;\"]}", "{\"ports\":[\"22\",\"22\"]}", "{\"ports\":[\"123456\"]}", "{\"ports\":\"22\"}",
        "{\"ports\":[\"22\"],\"table\":\"x\"}", "{\"ports\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\","
            + "\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\",\"17\"]}"})
    void refusedBeforeAnythingRuns(String json) {
        assertThrows(ActionException.class, () -> validate(json));
    }

    @Test
    void portAboveTheRangeIsRefused() throws Exception {
        Args a = validate("{\"ports\":[\"70000\"]}");
        ActionException e = assertThrows(ActionException.class, () -> FirewallBase.apply(a, new AgentContext(config())));
        assertEquals(ActionException.Kind.REJECTED, e.kind());
    }
}
