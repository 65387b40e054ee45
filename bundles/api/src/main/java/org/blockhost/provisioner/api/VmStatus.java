package org.blockhost.provisioner.api;

/** The externally visible state of a VM. */
public enum VmStatus {
    /** Running (or booting). */
    ACTIVE,
    /** Paused with memory and disk kept. */
    SUSPENDED,
    /** Gone, disks removed. */
    DESTROYED,
    /** The hypervisor could not tell; never treated as any of the above. */
    UNKNOWN
}
