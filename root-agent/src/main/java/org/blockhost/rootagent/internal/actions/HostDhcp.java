package org.blockhost.rootagent.internal.actions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;

/**
 * {@code host-net-dhcp}: one of the host's interfaces takes its IPv4 address, default route and DNS
 * from DHCP. Writes {@code blockhost-<device>} ({@code iface <device> inet dhcp}), starts the agent's
 * {@link Dhclient} for the device and checks that the leased gateway answers ({@link GatewayProbe});
 * without a lease in time or an answer, the previous addresses, route, client and file are put back.
 * Dry-run (dev): the stanza as {@code plan}, nothing written or run.
 */
public final class HostDhcp {
    private HostDhcp() {
    }

    static String stanza(String device) {
        return HostNetwork.HEADER + "auto " + device + "\niface " + device + " inet dhcp\n";
    }

    public static Map<String, Object> apply(Args a, AgentContext ctx) throws ActionException {
        String device = a.str("device");
        if ("lo".equals(device)) {
            throw ActionException.rejected("host-net-dhcp: not the loopback interface");
        }
        String stanza = stanza(device);
        if (ctx.config().hostNetworkDryRun()) {
            return Map.of("device", device, "plan", stanza, "applied", false);
        }
        Path file = HostNetwork.interfacesDir(ctx).resolve("blockhost-" + device);
        NetworkSnapshot before = NetworkSnapshot.read(ctx, device, file);
        HostNetwork.write(file, stanza);
        try {
            Dhclient.stop(ctx, device);
            ctx.runner().runOk(List.of("ip", "-4", "addr", "flush", "dev", device), null, ctx.config().commandTimeout());
            if (Dhclient.start(ctx, device)) {
                Optional<String> gw = NetworkSnapshot.gateway(ctx, device);
                if (gw.isPresent() && GatewayProbe.answers(ctx, device, gw.get())) {
                    InstallerStanza.retire(ctx, device, InstallerStanza.IFUPDOWN_RUN);
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("device", device);
                    r.put("plan", stanza);
                    r.put("applied", true);
                    r.put("addresses", NetworkSnapshot.cidrs(ctx, device));
                    r.put("gateway", gw.get());
                    return r;
                }
            }
        } catch (ActionException e) {
            // fall through to the rollback
        }
        Dhclient.stop(ctx, device);
        before.restore(ctx, device, file);
        throw ActionException.failed("host-net-dhcp: no lease in " + Dhclient.LEASE_WAIT_S + " s or the gateway did not answer"
                + " from " + device + "; the previous addresses, route and file were restored");
    }
}
