package org.blockhost.provisioner.api;

import java.util.Objects;

/**
 * What the hypervisor reports about a VM.
 *
 * @param name the VM name
 * @param status its state
 * @param address host name or IP the user connects to (empty string when not known yet)
 * @param sshPort the SSH port on that address
 * @param ipv6 the VM's own IPv6 address (its /128), empty string when it has none (since 1.2);
 *        core records it as the VM's {@code ipv6} allocation for the NFT
 */
public record VmInfo(String name, VmStatus status, String address, int sshPort, String ipv6) {
    public VmInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ipv6, "ipv6");
        if (sshPort < 0 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort out of range: " + sshPort);
        }
    }

    /** Without an IPv6 address (the record's shape before 1.2). */
    public VmInfo(String name, VmStatus status, String address, int sshPort) {
        this(name, status, address, sshPort, "");
    }
}
