package org.blockhost.rootagent.internal.actions;

import java.util.List;
import java.util.Optional;

/**
 * {@code host-bridge-create} asked again for a bridge that exists: the same request changes nothing, a request for a
 * differently made bridge under that name is refused with what is there and what to do instead.
 */
final class ExistingBridge {
    private ExistingBridge() {
    }

    /**
     * Why device {@code bridge} ({@code kind}, {@code ip}'s {@code info_kind}; its ports; its {@code blockhost-<bridge>}
     * stanza when the agent wrote one) is not the bridge asked for with {@code uplink} and {@code addressing}; empty
     * when it is.
     */
    static Optional<String> mismatch(String bridge, String kind, List<String> ports, Optional<String> stanza,
            String uplink, String addressing) {
        if (!"bridge".equals(kind)) {
            return Optional.of("host-bridge-create: " + bridge + " already exists and is not a bridge; choose another name");
        }
        if (!ports.contains(uplink)) {
            return Optional.of("host-bridge-create: " + bridge + " already exists with "
                    + (ports.isEmpty() ? "no port" : String.join(", ", ports) + " as its port") + ", not " + uplink
                    + "; choose another name" + (ports.isEmpty() ? "" : ", or ask for " + bridge + " with " + ports.get(0)));
        }
        boolean fixed = stanza.map(s -> s.contains("iface " + bridge + " inet static")).orElse(false);
        if ("dhcp".equals(addressing) && fixed) {
            return Optional.of("host-bridge-create: " + bridge + " already exists with " + uplink
                    + "'s static addresses, not a DHCP lease; remove it first to make it again with DHCP");
        }
        return Optional.empty();
    }
}
