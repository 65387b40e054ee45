package org.blockhost.provisioner.proxmox.internal.vm;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/** PVE failures as provisioner failures: no answer, 5xx and failed tasks may be retried; refusals need the operator. */
public final class Errors {
    private Errors() {
    }

    public static ProvisionerException of(String what, PveException e) {
        String why = e.unauthorized() ? "the API token was refused (expired, revoked or wrong secret): " + e.getMessage()
                : e.status() == 403 ? "the API token lacks a privilege: " + e.getMessage() : e.getMessage();
        return new ProvisionerException(what + ": " + why, e.retryable(), e);
    }
}
