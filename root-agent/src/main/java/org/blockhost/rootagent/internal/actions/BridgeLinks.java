package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.exec.CommandRunner;

/** What {@code host-bridge-create} reads about links ({@code ip -j -d link show}) and its {@code ip} calls. */
final class BridgeLinks {
    private BridgeLinks() {
    }

    /** The link's JSON, or empty when there is no such device. */
    static Optional<JsonNode> link(AgentContext ctx, String device) throws ActionException {
        CommandRunner.Result r = ctx.runner().run(List.of("ip", "-j", "-d", "link", "show", "dev", device), null,
                ctx.config().commandTimeout());
        if (!r.ok()) {
            return Optional.empty();
        }
        JsonNode links = NetworkSnapshot.json(r.stdout());
        return links.size() == 1 ? Optional.of(links.get(0)) : Optional.empty();
    }

    /** An Ethernet-like uplink: not loopback, a bridge, or already another bridge's port. */
    static void checkUplink(JsonNode link) throws ActionException {
        String kind = link.path("linkinfo").path("info_kind").asText("");
        if ("loopback".equals(link.path("link_type").asText()) || "bridge".equals(kind) || link.hasNonNull("master")
                || !link.path("address").asText("").matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw ActionException.rejected("host-bridge-create: the uplink must be an Ethernet interface outside any bridge"
                    + (link.hasNonNull("master") ? " (it is a port of " + link.get("master").asText() + ")" : ""));
        }
    }

    /** The names of the devices whose master is {@code bridge}. */
    static List<String> ports(AgentContext ctx, String bridge) throws ActionException {
        List<String> ports = new ArrayList<>();
        for (JsonNode l : NetworkSnapshot.json(ctx.runner().runOk(List.of("ip", "-j", "link", "show", "master", bridge), null,
                ctx.config().commandTimeout()).stdout())) {
            ports.add(l.path("ifname").asText());
        }
        return ports;
    }

    static void ip(AgentContext ctx, String... args) throws ActionException {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
    }
}
