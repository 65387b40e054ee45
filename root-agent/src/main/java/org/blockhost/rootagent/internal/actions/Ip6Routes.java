package org.blockhost.rootagent.internal.actions;

import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ip6-route-add / ip6-route-del: a /128 host route inside the configured prefix to a device. */
public final class Ip6Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Ip6Routes.class);

    private Ip6Routes() {
    }

    public static Map<String, Object> add(Args args, AgentContext ctx) throws ActionException {
        return route(args, ctx, "replace");
    }

    public static Map<String, Object> del(Args args, AgentContext ctx) throws ActionException {
        return route(args, ctx, "del");
    }

    private static Map<String, Object> route(Args args, AgentContext ctx, String verb) throws ActionException {
        String dst = args.ip("address").addressText() + "/128";
        List<String> argv = List.of("ip", "-6", "route", verb, dst, "dev", args.str("device"));
        boolean applied = !ctx.config().hostNetworkDryRun();
        if (applied) {
            ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
        } else {
            LOG.warn("dev mode without root: host routes not managed, not run: {}", argv);
        }
        return Map.of("route", dst, "device", args.str("device"), "applied", applied);
    }
}
