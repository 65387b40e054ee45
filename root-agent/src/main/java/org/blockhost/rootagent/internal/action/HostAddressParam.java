package org.blockhost.rootagent.internal.action;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.net.IpPrefix;

/** One IPv4 or one IPv6 host address (no prefix, no names, no scope), returned as {@link IpPrefix}. */
final class HostAddressParam extends Param {
    private final boolean v6;

    HostAddressParam(String name, boolean v6) {
        super(name);
        this.v6 = v6;
    }

    @Override
    public String describe() {
        return v6 ? "one IPv6 address" : "one IPv4 address";
    }

    @Override
    protected Object check(JsonNode value, AgentConfig config) throws ActionException {
        if (!value.isTextual() || value.textValue().length() > 39 || value.textValue().contains("/")) {
            throw invalid();
        }
        IpPrefix p = IpPrefix.parse(value.textValue());
        if (p == null || !p.isHost() || p.isV6() != v6) {
            throw invalid();
        }
        return p;
    }
}
