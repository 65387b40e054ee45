package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ip6-proxy-add / ip6-proxy-del: an IPv6 neighbour proxy entry for one VM's /128 on the host's
 * uplink, for a prefix that is on-link at the provider (not routed to the host): the upstream
 * router asks for the VM's address with a Neighbour Solicitation on the uplink, and the host
 * answers for it. Adding also turns on {@code proxy_ndp} on the uplink and IPv6 forwarding
 * (sysctls written through {@code /proc/sys}, never a shell); an uplink that took router
 * advertisements ({@code accept_ra = 1}) keeps taking them ({@code 2}) once forwarding is on.
 */
public final class Ip6NeighProxy {
    private static final Logger LOG = LoggerFactory.getLogger(Ip6NeighProxy.class);
    private static final Path CONF = Path.of("/proc/sys/net/ipv6/conf");

    private Ip6NeighProxy() {
    }

    public static Map<String, Object> add(Args args, AgentContext ctx) throws ActionException {
        String address = args.ip("address").addressText();
        String uplink = args.str("uplink");
        List<String> argv = List.of("ip", "-6", "neigh", "replace", "proxy", address, "dev", uplink);
        boolean applied = !ctx.config().hostNetworkDryRun();
        if (applied) {
            Path dev = interfaceConf(uplink);
            if (read(dev.resolve("accept_ra")).equals("1")) {
                write(dev.resolve("accept_ra"), "2");
            }
            write(dev.resolve("proxy_ndp"), "1");
            write(CONF.resolve("all").resolve("forwarding"), "1");
            ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
        } else {
            LOG.warn("dev mode without root: neighbour proxy not managed, not run: {}", argv);
        }
        return Map.of("address", address, "uplink", uplink, "applied", applied);
    }

    /** Idempotent: an entry that is not there is not an error ({@code removed: false}). */
    public static Map<String, Object> del(Args args, AgentContext ctx) throws ActionException {
        String address = args.ip("address").addressText();
        String uplink = args.str("uplink");
        List<String> argv = List.of("ip", "-6", "neigh", "del", "proxy", address, "dev", uplink);
        boolean applied = !ctx.config().hostNetworkDryRun();
        boolean removed = false;
        if (applied) {
            interfaceConf(uplink);
            String shown = ctx.runner().runOk(List.of("ip", "-6", "neigh", "show", "proxy", "dev", uplink, "to", address),
                    null, ctx.config().commandTimeout()).stdout();
            removed = !shown.isBlank();
            if (removed) {
                ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
            }
        } else {
            LOG.warn("dev mode without root: neighbour proxy not managed, not run: {}", argv);
        }
        return Map.of("address", address, "uplink", uplink, "applied", applied, "removed", removed);
    }

    /** {@code /proc/sys/net/ipv6/conf/<uplink>}: the name is validated by the table; the interface must exist. */
    private static Path interfaceConf(String uplink) throws ActionException {
        Path dev = CONF.resolve(uplink);
        if (!dev.getParent().equals(CONF) || !Files.isDirectory(dev, LinkOption.NOFOLLOW_LINKS)) {
            throw ActionException.failed("no interface " + uplink + " with IPv6 on this host");
        }
        return dev;
    }

    private static String read(Path sysctl) throws ActionException {
        try {
            return Files.readString(sysctl, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw ActionException.failed("could not read " + sysctl + ": " + e.getMessage());
        }
    }

    private static void write(Path sysctl, String value) throws ActionException {
        if (read(sysctl).equals(value)) {
            return;
        }
        try {
            Files.writeString(sysctl, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw ActionException.failed("could not set " + sysctl + ": " + e.getMessage());
        }
        LOG.info("set {} = {}", sysctl, value);
    }
}
