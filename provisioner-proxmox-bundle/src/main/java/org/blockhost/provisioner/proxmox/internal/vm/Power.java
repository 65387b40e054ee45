package org.blockhost.provisioner.proxmox.internal.vm;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Power transitions with the libvirt provisioner's semantics. Suspend is PVE's hibernation
 * ({@code status/suspend} with {@code todisk=1}): the memory goes to a state volume and QEMU exits,
 * so a suspended VM holds no RAM; {@code status/start} restores it. A paused VM is continued with
 * {@code status/resume}.
 */
public final class Power {
    private final Guests guests;

    public Power(Guests guests) {
        this.guests = guests;
    }

    /** Start or resume from any state; fails (retryable) unless the VM ends up running. */
    public void run(Guests.Located at, String name) throws PveException, ProvisionerException {
        VmStatus s = guests.status(at);
        switch (s) {
            case PAUSED -> guests.power(at, "resume", Params.of());
            case SUSPENDED, SHUT_OFF -> guests.power(at, "start", Params.of());
            default -> { }
        }
        VmStatus after = guests.status(at);
        if (after != VmStatus.ACTIVE) {
            throw new ProvisionerException("start " + name + " left it " + after + ", not running", true);
        }
    }

    /** Hibernate a running or paused VM; a VM that is off (or already suspended) is left alone. */
    public void suspend(Guests.Located at) throws PveException {
        VmStatus s = guests.status(at);
        if (s == VmStatus.ACTIVE || s == VmStatus.PAUSED) {
            guests.power(at, "suspend", Params.of().add("todisk", true));
        }
    }

    /** ACPI shutdown of a running VM; anything else is left alone. */
    public void stop(Guests.Located at) throws PveException {
        if (guests.status(at) == VmStatus.ACTIVE) {
            guests.power(at, "shutdown", Params.of());
        }
    }

    /** Immediate power-off of a running or paused VM; the disk is kept. */
    public void kill(Guests.Located at) throws PveException {
        VmStatus s = guests.status(at);
        if (s == VmStatus.ACTIVE || s == VmStatus.PAUSED) {
            guests.power(at, "stop", Params.of());
        }
    }

    /**
     * Brings the VM to plain "stopped" so it can be deleted: a hibernated VM holds the
     * {@code suspended} lock, which only root may skip, so it is resumed and then powered off.
     */
    public void halt(Guests.Located at) throws PveException {
        if (guests.status(at) == VmStatus.SUSPENDED) {
            guests.power(at, "start", Params.of());
        }
        kill(at);
    }
}
