package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;

/**
 * The rollback point of the host network actions: the device's IPv4 addresses and default route,
 * whether the agent's DHCP client ran for it, and its interfaces file, before the change.
 */
record NetworkSnapshot(List<String> cidrs, Optional<String> gateway, boolean dhcp, Optional<String> file) {
    static NetworkSnapshot read(AgentContext ctx, String device, Path path) throws ActionException {
        return new NetworkSnapshot(cidrs(ctx, device), gateway(ctx, device), Dhclient.running(ctx, device), file(path));
    }

    /** The interfaces file's text, empty when there is none (a symbolic link is none). */
    static Optional<String> file(Path path) throws ActionException {
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException e) {
            throw ActionException.failed("host-net-apply: cannot read the interfaces file");
        }
    }

    /** The device's IPv4 addresses as {@code a.b.c.d/len}. */
    static List<String> cidrs(AgentContext ctx, String device) throws ActionException {
        Duration t = ctx.config().commandTimeout();
        List<String> cidrs = new ArrayList<>();
        for (JsonNode link : json(ctx.runner().runOk(List.of("ip", "-j", "-4", "addr", "show", "dev", device), null, t).stdout())) {
            for (JsonNode info : link.path("addr_info")) {
                cidrs.add(info.path("local").asText() + "/" + info.path("prefixlen").asInt());
            }
        }
        return cidrs;
    }

    /** The IPv4 default route's gateway through the device, if there is one. */
    static Optional<String> gateway(AgentContext ctx, String device) throws ActionException {
        Optional<String> gw = Optional.empty();
        for (JsonNode r : json(ctx.runner().runOk(List.of("ip", "-j", "-4", "route", "show", "default", "dev", device),
                null, ctx.config().commandTimeout()).stdout())) {
            gw = r.hasNonNull("gateway") ? Optional.of(r.get("gateway").asText()) : gw;
        }
        return gw;
    }

    /** Puts the addresses, route, DHCP client and file back (the caller stopped any client it started). */
    void restore(AgentContext ctx, String device, Path path) throws ActionException {
        try {
            HostNetwork.configure(ctx, device, cidrs, gateway);
            if (dhcp) {
                Dhclient.start(ctx, device);
            }
        } finally {
            if (file.isPresent()) {
                HostNetwork.write(path, file.get());
            } else {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw ActionException.failed("host-net-apply: cannot remove the interfaces file");
                }
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws ActionException {
        try {
            JsonNode n = JSON.readTree(text.isBlank() ? "[]" : text);
            return n.isArray() ? n : JSON.createArrayNode();
        } catch (IOException e) {
            throw ActionException.failed("host-net-apply: unexpected output from ip");
        }
    }
}
