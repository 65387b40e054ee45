package org.blockhost.provisioner.api;

/**
 * The actual state of a VM on the hypervisor, precise enough for core to converge it with the
 * wanted state (running while paid, suspended otherwise).
 */
public enum VmStatus {
    /** Running (or booting). */
    ACTIVE,
    /** Suspended by {@link Provisioner#suspend}: disk and memory image kept, no RAM held; {@link Provisioner#resume} restores it. */
    SUSPENDED,
    /** Gone or missing: no such VM on the hypervisor. */
    DESTROYED,
    /** The hypervisor could not tell; never treated as any of the above. */
    UNKNOWN,
    /** Paused in memory (RAM still held); {@link Provisioner#resume} continues it. */
    PAUSED,
    /** Powered off without a saved memory image (tenant poweroff, host reboot, kill); {@link Provisioner#start} boots it. */
    SHUT_OFF
}
