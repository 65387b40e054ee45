package org.blockhost.provisioner.proxmox.internal.vm;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Readiness through the QEMU guest agent's {@code file-read}: cloud-init's {@code boot-finished}
 * marker (written at the end of the first boot, after the user, pam_web3 and sshd are set up), then
 * the guest's ed25519 host key. A VM that is not running, or whose agent does not answer or has no
 * such file yet (PVE answers 500), is not ready.
 */
public final class GuestReady {
    static final String BOOT_FINISHED = "/var/lib/cloud/instance/boot-finished";
    static final String HOST_KEY = "/etc/ssh/ssh_host_ed25519_key.pub";
    private final Guests guests;

    public GuestReady(Guests guests) {
        this.guests = guests;
    }

    public GuestReadiness read(Guests.Located g) throws PveException {
        if (guests.status(g) != VmStatus.ACTIVE) {
            return GuestReadiness.NOT_READY;
        }
        try {
            guests.fileRead(g, BOOT_FINISHED);
            return GuestReadiness.ready(hostKey(guests.fileRead(g, HOST_KEY)));
        } catch (PveException e) {
            if (e.status() >= 500) {
                return GuestReadiness.NOT_READY;
            }
            throw e;
        }
    }

    /** The {@code ssh-ed25519 <base64>} part of a .pub file, empty unless it is exactly one such key. */
    static String hostKey(String pub) {
        String[] lines = pub.strip().split("\n");
        if (lines.length != 1) {
            return "";
        }
        String[] f = lines[0].strip().split(" +");
        String key = f.length >= 2 ? f[0] + " " + f[1] : "";
        return GuestReadiness.isHostKey(key) ? key : "";
    }
}
