package org.blockhost.rootagent.internal.action;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.net.IpPrefix;

/** An IP address or prefix parameter (see {@link Params#source}, {@link Params#ip6InPrefix}). */
final class AddressParam extends Param {
    /** The broadest source a firewall opening may name: no 0.0.0.0/0, ::/0 or anything near. */
    static final int MIN_V4 = 8;
    static final int MIN_V6 = 32;

    private final boolean ip6InPrefix;

    AddressParam(String name, boolean ip6InPrefix) {
        super(name);
        this.ip6InPrefix = ip6InPrefix;
    }

    @Override
    public String describe() {
        return ip6InPrefix ? "an IPv6 address inside the configured prefix"
                : "an IPv4 or IPv6 address or CIDR prefix (at least /" + MIN_V4 + " for IPv4, /" + MIN_V6 + " for IPv6)";
    }

    @Override
    protected Object check(JsonNode value, AgentConfig config) throws ActionException {
        if (!value.isTextual() || value.textValue().length() > 64) {
            throw invalid();
        }
        IpPrefix p = IpPrefix.parse(value.textValue().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw invalid();
        }
        if (!ip6InPrefix) {
            if (p.length() < (p.isV6() ? MIN_V6 : MIN_V4)) {
                throw invalid("prefix " + p + " is too broad; expected " + describe());
            }
            return p;
        }
        IpPrefix allowed = config.ip6Prefix();
        if (allowed == null) {
            throw ActionException.rejected("no IPv6 prefix is configured for this agent (root sets --ip6-prefix in BLOCKHOST_ROOT_AGENT_ARGS, /etc/default/blockhost-root-agent)");
        }
        if (!p.isV6() || !p.isHost() || !allowed.contains(p)) {
            throw invalid();
        }
        return p;
    }
}
