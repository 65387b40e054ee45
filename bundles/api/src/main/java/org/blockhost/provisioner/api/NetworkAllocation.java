package org.blockhost.provisioner.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Addresses allocated to a VM by core. Empty values mean "let the provisioner's default network
 * decide" (dev mode NAT).
 *
 * @param publicPort the host's public TCP port allocated to this VM (core's allocations table, one
 *        owner): in port-forward mode the provisioner forwards it to the VM's SSH port and reports it
 *        as the VM's SSH port; other modes ignore it
 */
public record NetworkAllocation(Optional<String> ipv4, Optional<String> ipv6, Optional<String> mac,
        OptionalInt publicPort) {
    public NetworkAllocation {
        ipv4 = ipv4 == null ? Optional.empty() : ipv4;
        ipv6 = ipv6 == null ? Optional.empty() : ipv6;
        mac = mac == null ? Optional.empty() : mac;
        publicPort = publicPort == null ? OptionalInt.empty() : publicPort;
        if (publicPort.isPresent() && (publicPort.getAsInt() < 1024 || publicPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("public port must be 1024..65535: " + publicPort.getAsInt());
        }
    }

    /** Without a public port (the record's shape before 1.2). */
    public NetworkAllocation(Optional<String> ipv4, Optional<String> ipv6, Optional<String> mac) {
        this(ipv4, ipv6, mac, OptionalInt.empty());
    }

    /** No fixed addresses. */
    public static NetworkAllocation dynamic() {
        return new NetworkAllocation(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This allocation with the given public port. */
    public NetworkAllocation withPublicPort(int port) {
        return new NetworkAllocation(ipv4, ipv6, mac, OptionalInt.of(port));
    }
}
