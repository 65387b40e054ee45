package org.blockhost.provisioner.api;

import java.util.Optional;

/**
 * Addresses allocated to a VM by core. Empty values mean "let the provisioner's default network
 * decide" (dev mode NAT).
 */
public record NetworkAllocation(Optional<String> ipv4, Optional<String> ipv6, Optional<String> mac) {
    public NetworkAllocation {
        ipv4 = ipv4 == null ? Optional.empty() : ipv4;
        ipv6 = ipv6 == null ? Optional.empty() : ipv6;
        mac = mac == null ? Optional.empty() : mac;
    }

    /** No fixed addresses. */
    public static NetworkAllocation dynamic() {
        return new NetworkAllocation(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
