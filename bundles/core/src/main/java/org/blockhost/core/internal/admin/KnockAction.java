package org.blockhost.core.internal.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;

/**
 * knock: {@code {"ports":[22],"source":"203.0.113.5","ttl":300}} (optional {@code "proto"}
 * {@code tcp}|{@code udp}, default tcp) opens the listed ports for that source only, for
 * {@code ttl} seconds, through the root agent's {@code firewall-open} (a kernel timeout closes it
 * even if nothing else runs). Each opening is stored with its expiry first, so
 * {@link KnockCloser} also closes it after a runtime restart. Ports must be configured as
 * knockable; the source is one address or a prefix of at least /24 (IPv4) or /48 (IPv6): never
 * "anyone".
 */
final class KnockAction implements AdminAction {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/(2[4-9]|3[0-2]))?");
    private static final Pattern V6 = Pattern.compile("[0-9a-f:]{2,39}(/(4[89]|[5-9][0-9]|1[01][0-9]|12[0-8]))?");
    private static final Set<String> FIELDS = Set.of("ports", "source", "ttl", "proto");

    private final Database db;
    private final Clock clock;
    private final Supplier<RootAgent> agent;
    private final Supplier<KnockSettings> settings;

    KnockAction(Database db, Clock clock, Supplier<RootAgent> agent, Supplier<KnockSettings> settings) {
        this.db = db;
        this.clock = clock;
        this.agent = agent;
        this.settings = settings;
    }

    @Override
    public String run(AdminCommand command, JsonNode params) throws AdminActionException {
        KnockSettings s = settings.get();
        for (Iterator<String> it = params.fieldNames(); it.hasNext();) {
            if (!FIELDS.contains(it.next())) {
                throw AdminActionException.refused("unknown parameter");
            }
        }
        List<Integer> ports = ports(params.get("ports"), s);
        String source = source(params.get("source"));
        int ttl = ttl(params.get("ttl"), s);
        String proto = proto(params.get("proto"));
        RootAgent a = agent.get();
        if (a == null) {
            throw AdminActionException.failed("root agent unavailable");
        }
        long now = clock.millis();
        long expires = now + ttl * 1000L;
        db.write(c -> {
            for (int port : ports) {
                Sql.update(c, "INSERT INTO knocks (sender, nonce, proto, port, source, opened_at, expires_at) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?)", command.sender(), command.nonce(), proto, port, source, now, expires);
            }
            return null;
        });
        for (int port : ports) {
            try {
                a.call("firewall-open", Map.of("port", port, "proto", proto, "source", source, "ttl", ttl));
            } catch (RootAgentException e) {
                throw AdminActionException.failed("firewall-open " + proto + "/" + port + ": " + e.kind());
            }
        }
        return "opened " + proto + " " + ports + " for " + source + " for " + ttl + " s (until "
                + Instant.ofEpochMilli(expires) + ")";
    }

    private static List<Integer> ports(JsonNode node, KnockSettings s) throws AdminActionException {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 16) {
            throw AdminActionException.refused("ports must be a list of 1 to 16 ports");
        }
        Set<Integer> out = new TreeSet<>();
        for (JsonNode p : node) {
            if (!p.isInt() || !s.ports().contains(p.intValue())) {
                throw AdminActionException.refused("port not allowed for knock: " + p);
            }
            out.add(p.intValue());
        }
        return new ArrayList<>(out);
    }

    private static String source(JsonNode node) throws AdminActionException {
        if (node == null || !node.isTextual()) {
            throw AdminActionException.refused("source must be an address");
        }
        String v = node.textValue();
        if (!validSource(v)) {
            throw AdminActionException.refused("source must be one IPv4/IPv6 address or a /24 (IPv4) or /48 (IPv6)"
                    + " or narrower prefix");
        }
        return v;
    }

    /** One IPv4/IPv6 address or a prefix of at least /24 (IPv4) or /48 (IPv6): never "anyone". */
    static boolean validSource(String v) {
        boolean v4 = V4.matcher(v).matches();
        return v4 || v.contains(":") && V6.matcher(v).matches();
    }

    private static int ttl(JsonNode node, KnockSettings s) throws AdminActionException {
        if (node == null || !node.isInt() || node.intValue() < 1 || node.intValue() > s.maxTtlSeconds()) {
            throw AdminActionException.refused("ttl must be 1 to " + s.maxTtlSeconds() + " seconds");
        }
        return node.intValue();
    }

    private static String proto(JsonNode node) throws AdminActionException {
        if (node == null) {
            return "tcp";
        }
        if (!node.isTextual() || !Set.of("tcp", "udp").contains(node.textValue())) {
            throw AdminActionException.refused("proto must be tcp or udp");
        }
        return node.textValue();
    }
}
