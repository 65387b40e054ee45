package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;

/**
 * {@code host-bridge-create}: the VM bridge. A new Linux bridge ({@code bridge}, with the uplink's
 * MAC, STP off, no forward delay) takes the uplink as its port and the uplink's IPv4 addressing: its
 * static addresses and default route, or — when the agent's DHCP client served the uplink — a DHCP
 * lease of its own. With {@code addressing} {@code dhcp} the bridge asks the agent's DHCP client for
 * its lease whoever served the uplink (an installer's {@code ifupdown} client: the caller stops that
 * one once the bridge stands). Then the gateway must answer ICMP echo from the bridge ({@link GatewayProbe});
 * otherwise the uplink leaves the bridge, the bridge is deleted and the uplink's addresses, route,
 * DHCP client and files are put back. On success {@code blockhost-<bridge>} (ifupdown, with
 * {@code bridge_ports}) and {@code blockhost-<uplink>} ({@code inet manual}) are written. Calling it
 * again for a bridge that already holds the uplink changes nothing ({@link ExistingBridge}); asking for a bridge
 * whose name is taken by another device, a bridge with other ports, or a static bridge as DHCP is refused. Dry-run (dev): the plan only.
 */
public final class HostBridge {
    private HostBridge() {
    }

    public static Map<String, Object> create(Args a, AgentContext ctx) throws ActionException {
        String bridge = a.str("bridge");
        String uplink = a.str("uplink");
        Path dir = HostNetwork.interfacesDir(ctx);
        Path bridgeFile = dir.resolve("blockhost-" + bridge);
        Optional<JsonNode> made = BridgeLinks.link(ctx, bridge);
        if (made.isPresent()) {
            return again(ctx, a, made.get(), bridgeFile);
        }
        JsonNode link = BridgeLinks.link(ctx, uplink)
                .orElseThrow(() -> ActionException.rejected("host-bridge-create: no interface " + uplink));
        BridgeLinks.checkUplink(link);
        Path uplinkFile = dir.resolve("blockhost-" + uplink);
        NetworkSnapshot before = NetworkSnapshot.read(ctx, uplink, uplinkFile);
        boolean dhcp = before.dhcp() || "dhcp".equals(a.str("addressing"));
        if (!dhcp && (before.gateway().isEmpty() || before.cidrs().isEmpty())) {
            throw ActionException.rejected("host-bridge-create: " + uplink + " has no address and default gateway to move");
        }
        String plan = bridgeStanza(bridge, uplink, before, dhcp) + manualStanza(uplink);
        if (ctx.config().hostNetworkDryRun()) {
            return Map.of("bridge", bridge, "uplink", uplink, "plan", plan, "applied", false);
        }
        Optional<String> gateway = Optional.empty();
        try {
            gateway = move(ctx, bridge, uplink, link.path("address").asText(), before, dhcp);
            if (gateway.isPresent() && GatewayProbe.answers(ctx, bridge, gateway.get())) {
                HostNetwork.write(bridgeFile, bridgeStanza(bridge, uplink, before, dhcp));
                HostNetwork.write(uplinkFile, manualStanza(uplink));
                InstallerStanza.retire(ctx, uplink, InstallerStanza.IFUPDOWN_RUN);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("bridge", bridge);
                r.put("uplink", uplink);
                r.put("plan", plan);
                r.put("applied", true);
                r.put("gateway", gateway.get());
                r.put("addressing", dhcp ? "dhcp" : "static");
                return r;
            }
        } catch (ActionException e) {
            // fall through to the rollback
        }
        undo(ctx, bridge, uplink, before, uplinkFile, bridgeFile);
        throw ActionException.failed("host-bridge-create: the gateway did not answer from " + bridge + "; " + uplink
                + " left the bridge, the bridge was removed and the previous addresses, route and files were restored");
    }

    /** The bridge exists: the same request changes nothing, one for a different bridge of that name is refused. */
    private static Map<String, Object> again(AgentContext ctx, Args a, JsonNode made, Path bridgeFile) throws ActionException {
        String bridge = a.str("bridge");
        String uplink = a.str("uplink");
        Optional<String> problem = ExistingBridge.mismatch(bridge, made.path("linkinfo").path("info_kind").asText(""),
                BridgeLinks.ports(ctx, bridge), NetworkSnapshot.file(bridgeFile), uplink, a.str("addressing"));
        if (problem.isPresent()) {
            throw ActionException.rejected(problem.get());
        }
        return Map.of("bridge", bridge, "uplink", uplink, "applied", !ctx.config().hostNetworkDryRun(), "existed", true);
    }

    /** Builds the bridge and moves the uplink and its addressing into it; the gateway to check. */
    private static Optional<String> move(AgentContext ctx, String bridge, String uplink, String mac, NetworkSnapshot before,
            boolean dhcp) throws ActionException {
        Dhclient.stop(ctx, uplink);
        BridgeLinks.ip(ctx, "link", "add", "name", bridge, "type", "bridge", "forward_delay", "0", "stp_state", "0");
        BridgeLinks.ip(ctx, "link", "set", "dev", bridge, "address", mac);
        BridgeLinks.ip(ctx, "-4", "addr", "flush", "dev", uplink);
        BridgeLinks.ip(ctx, "link", "set", "dev", uplink, "master", bridge);
        BridgeLinks.ip(ctx, "link", "set", "dev", uplink, "up");
        if (dhcp) {
            return Dhclient.start(ctx, bridge) ? NetworkSnapshot.gateway(ctx, bridge) : Optional.empty();
        }
        HostNetwork.configure(ctx, bridge, before.cidrs(), before.gateway());
        return before.gateway();
    }

    private static void undo(AgentContext ctx, String bridge, String uplink, NetworkSnapshot before, Path uplinkFile,
            Path bridgeFile) throws ActionException {
        Dhclient.stop(ctx, bridge);
        ctx.runner().run(List.of("ip", "link", "set", "dev", uplink, "nomaster"), null, ctx.config().commandTimeout());
        ctx.runner().run(List.of("ip", "link", "del", "dev", bridge), null, ctx.config().commandTimeout());
        try {
            Files.deleteIfExists(bridgeFile);
        } catch (IOException e) {
            throw ActionException.failed("host-bridge-create: cannot remove the bridge's interfaces file");
        }
        before.restore(ctx, uplink, uplinkFile);
    }

    static String bridgeStanza(String bridge, String uplink, NetworkSnapshot from, boolean dhcp) {
        StringBuilder s = new StringBuilder(HostNetwork.HEADER).append("auto ").append(bridge).append("\niface ").append(bridge);
        if (dhcp) {
            s.append(" inet dhcp\n");
        } else {
            s.append(" inet static\n");
            from.cidrs().forEach(c -> s.append("    address ").append(c).append('\n'));
            from.gateway().ifPresent(g -> s.append("    gateway ").append(g).append('\n'));
        }
        return s.append("    bridge_ports ").append(uplink).append("\n    bridge_stp off\n    bridge_fd 0\n").toString();
    }

    static String manualStanza(String uplink) {
        return "iface " + uplink + " inet manual\n";
    }
}
