package org.blockhost.rootagent.internal.actions;

import java.time.Duration;
import java.util.List;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;

/**
 * Does the gateway answer ICMP echo from this device? {@code ping -n -q -c 1 -W 1 -I <device>
 * <gateway>} (an argv, no shell), a few tries. Only an echo reply counts: unlike Java's
 * {@code InetAddress.isReachable}, which without raw-socket rights falls back to a TCP connection
 * to port 7 where "connection refused" counts as an answer, a host that drops echo requests is silent.
 */
final class GatewayProbe {
    private static final int TRIES = 5;
    private static final Duration EACH = Duration.ofSeconds(5);

    private GatewayProbe() {
    }

    static boolean answers(AgentContext ctx, String device, String gateway) {
        for (int i = 0; i < TRIES; i++) {
            try {
                if (ctx.runner().run(List.of("ping", "-n", "-q", "-c", "1", "-W", "1", "-I", device, gateway), null, EACH)
                        .ok()) {
                    return true;
                }
            } catch (ActionException e) {
                return false; // ping missing or timed out: no proof the gateway answers
            }
        }
        return false;
    }
}
