package org.blockhost.provisioner.proxmox.internal.sim;

/** An error answer of the simulated API: HTTP status and PVE's message. */
final class SimError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    SimError(int status, String message) {
        super(message);
        this.status = status;
    }
}
