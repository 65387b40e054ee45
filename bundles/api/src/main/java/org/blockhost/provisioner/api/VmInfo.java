package org.blockhost.provisioner.api;

import java.util.Objects;

/**
 * What the hypervisor reports about a VM.
 *
 * @param name the VM name
 * @param status its state
 * @param address host name or IP the user connects to (empty string when not known yet)
 * @param sshPort the SSH port on that address
 */
public record VmInfo(String name, VmStatus status, String address, int sshPort) {
    public VmInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(address, "address");
        if (sshPort < 0 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort out of range: " + sshPort);
        }
    }
}
