package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port forwards: the wanted ones, recorded as lines {@code public_port address port} in
 * {@code <state-dir>/forwards} (root's state directory; rewritten atomically), and the live ones,
 * read from the kernel's map. A record line that does not parse is skipped with a warning.
 */
final class ForwardState {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardState.class);
    static final String FILE = "forwards";
    private static final Pattern LINE = Pattern.compile("([0-9]{4,5}) ([0-9.]{7,15}) ([0-9]{1,5})");
    private static final ObjectMapper TOOL_JSON = new ObjectMapper();

    record Forward(long publicPort, String address, long port) {
    }

    private ForwardState() {
    }

    static Map<Long, Forward> read(AgentContext ctx) throws ActionException {
        Map<Long, Forward> m = new TreeMap<>();
        for (String line : StateLines.read(ctx, FILE)) {
            Forward f = parse(line);
            if (f != null) {
                m.put(f.publicPort(), f);
            } else {
                LOG.warn("port forward record: a line that is not a forward was skipped");
            }
        }
        return m;
    }

    static Forward parse(String line) {
        Matcher x = LINE.matcher(line);
        if (!x.matches()) {
            return null;
        }
        long pub = Long.parseLong(x.group(1));
        long port = Long.parseLong(x.group(3));
        IpPrefix a = IpPrefix.parse(x.group(2));
        if (a == null || a.isV6() || !a.isHost() || pub < 1024 || pub > 65535 || port < 1 || port > 65535) {
            return null;
        }
        return new Forward(pub, a.addressText(), port);
    }

    static void put(AgentContext ctx, Forward f) throws ActionException {
        Map<Long, Forward> m = read(ctx);
        m.values().removeIf(o -> o.address().equals(f.address()) && o.port() == f.port());
        m.put(f.publicPort(), f);
        write(ctx, m);
    }

    static void removeAddress(AgentContext ctx, String address) throws ActionException {
        Map<Long, Forward> m = read(ctx);
        if (m.values().removeIf(f -> f.address().equals(address))) {
            write(ctx, m);
        }
    }

    private static void write(AgentContext ctx, Map<Long, Forward> m) throws ActionException {
        List<String> lines = new ArrayList<>();
        m.values().forEach(f -> lines.add(f.publicPort() + " " + f.address() + " " + f.port()));
        StateLines.write(ctx, FILE, lines);
    }

    /** The kernel's map (the table is declared first, so an empty host gives an empty map). */
    static Map<Long, Forward> live(AgentContext ctx) throws ActionException {
        String t = PortForward.table(ctx);
        PortForward.nft(ctx, PortForward.tableDefinition(t));
        String out = ctx.runner().runOk(List.of("nft", "-j", "list", "map", "ip", t, "forward4"), null,
                ctx.config().commandTimeout()).stdout();
        Map<Long, Forward> m = new TreeMap<>();
        try {
            for (JsonNode item : TOOL_JSON.readTree(out).path("nftables")) {
                for (JsonNode e : item.path("map").path("elem")) {
                    JsonNode concat = e.path(1).path("concat");
                    Forward f = parse(e.path(0).asText() + " " + concat.path(0).asText() + " " + concat.path(1).asText());
                    if (f != null) {
                        m.put(f.publicPort(), f);
                    }
                }
            }
        } catch (IOException e) {
            throw ActionException.failed("nft -j list map gave no readable answer");
        }
        return m;
    }
}
