package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;

/**
 * {@code host-net-apply}: a static IPv4 address, prefix, gateway and DNS servers for one of the
 * host's interfaces. Writes {@code blockhost-<device>} in the ifupdown {@code interfaces.d}
 * directory (the agent's system configuration root, {@link #interfacesDir}), applies it with
 * {@code ip}, then checks that the gateway answers ({@link GatewayProbe}: ICMP echo from that interface); when it does
 * not, the previous addresses, default route and file are restored. In dry-run mode (dev) the
 * stanza is returned and nothing is written or run.
 */
public final class HostNetwork {
    static final String HEADER = "# Written by blockhost-root-agent; replaced on the next apply.\n";

    private HostNetwork() {
    }

    /** Where the stanzas go: {@code network/interfaces.d} next to the issue directory ({@code /etc} in production). */
    static Path interfacesDir(AgentContext ctx) {
        return ctx.config().issueDir().toAbsolutePath().getParent().resolve("network").resolve("interfaces.d");
    }

    public static Map<String, Object> apply(Args a, AgentContext ctx) throws ActionException {
        String device = a.str("device");
        IpPrefix address = a.ip("address");
        int prefix = a.integer("prefix");
        IpPrefix gateway = a.ip("gateway");
        checkSubnet(address, prefix, gateway);
        String stanza = stanza(device, address.addressText() + "/" + prefix, gateway.addressText(), dns(a));
        if (ctx.config().hostNetworkDryRun()) {
            return Map.of("device", device, "plan", stanza, "applied", false);
        }
        Path file = interfacesDir(ctx).resolve("blockhost-" + device);
        NetworkSnapshot before = NetworkSnapshot.read(ctx, device, file);
        write(file, stanza);
        try {
            Dhclient.stop(ctx, device); // a static address replaces the agent's DHCP client
            configure(ctx, device, List.of(address.addressText() + "/" + prefix), Optional.of(gateway.addressText()));
            if (GatewayProbe.answers(ctx, device, gateway.addressText())) {
                InstallerStanza.retire(ctx, device, InstallerStanza.IFUPDOWN_RUN);
                return Map.of("device", device, "plan", stanza, "applied", true);
            }
        } catch (ActionException e) {
            // fall through to the rollback
        }
        before.restore(ctx, device, file);
        throw ActionException.failed("host-net-apply: the gateway did not answer from " + device
                + "; the previous addresses, route and file were restored");
    }

    /** The gateway must be a host of the new subnet. */
    static void checkSubnet(IpPrefix address, int prefix, IpPrefix gateway) throws ActionException {
        if (address.equals(gateway) || !IpPrefix.parse(masked(address, prefix)).contains(gateway)) {
            throw ActionException.rejected("host-net-apply: the gateway must be another address in the interface's subnet");
        }
    }

    private static String masked(IpPrefix address, int prefix) {
        byte[] b;
        try {
            b = InetAddress.getByName(address.addressText()).getAddress();
        } catch (IOException e) {
            return "0.0.0.0/32";
        }
        long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        long m = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long n = v & m;
        return (n >> 24) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255) + "/" + prefix;
    }

    static String stanza(String device, String cidr, String gateway, List<String> dns) {
        StringBuilder s = new StringBuilder(HEADER)
                .append("auto ").append(device).append("\niface ").append(device).append(" inet static\n")
                .append("    address ").append(cidr).append("\n    gateway ").append(gateway).append('\n');
        if (!dns.isEmpty()) {
            s.append("    dns-nameservers ").append(String.join(" ", dns)).append('\n');
        }
        return s.toString();
    }

    private static List<String> dns(Args a) throws ActionException {
        List<String> out = new ArrayList<>();
        for (String d : a.has("dns") ? a.list("dns") : List.<String>of()) {
            IpPrefix p = IpPrefix.parse(d);
            if (p == null || !p.isHost()) {
                throw ActionException.rejected("parameter 'dns': expected IPv4 or IPv6 addresses");
            }
            out.add(p.addressText());
        }
        return out;
    }

    static void configure(AgentContext ctx, String device, List<String> cidrs, Optional<String> gateway)
            throws ActionException {
        Duration t = ctx.config().commandTimeout();
        ctx.runner().runOk(List.of("ip", "-4", "addr", "flush", "dev", device), null, t);
        for (String cidr : cidrs) {
            ctx.runner().runOk(List.of("ip", "addr", "add", cidr, "dev", device), null, t);
        }
        ctx.runner().runOk(List.of("ip", "link", "set", device, "up"), null, t);
        if (gateway.isPresent()) {
            ctx.runner().runOk(List.of("ip", "-4", "route", "replace", "default", "via", gateway.get(), "dev", device), null, t);
        } else {
            ctx.runner().run(List.of("ip", "-4", "route", "del", "default", "dev", device), null, t); // none before
        }
    }

    static void write(Path file, String text) throws ActionException {
        try {
            Files.createDirectories(file.getParent());
            if (Files.isSymbolicLink(file) || Files.isSymbolicLink(file.getParent())) {
                throw ActionException.rejected("host-net-apply: refusing a symlink in the interfaces directory");
            }
            Path tmp = file.resolveSibling(".tmp-" + file.getFileName());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ActionException.failed("host-net-apply: cannot write the interfaces file");
        }
    }
}
