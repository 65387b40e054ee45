package org.blockhost.core.internal.lifecycle;

import java.util.Optional;

import org.blockhost.provisioner.api.VmStatus;

/**
 * What brings a VM's actual state on the hypervisor in line with the state core wants, as a pure
 * function. Core wants a VM in state {@code active} or {@code provisioning} (paid) running, and one
 * in state {@code suspended} (lapsed, or suspended by the operator) not running. A missing VM
 * ({@code DESTROYED}) or an unknown state is left to the reconciler's drift report.
 */
public final class Convergence {

    /** The provisioner call that converges a VM. */
    public enum Op { START, RESUME, SUSPEND }

    private Convergence() {
    }

    public static Optional<Op> plan(String storeState, VmStatus actual) {
        if ("active".equals(storeState) || "provisioning".equals(storeState)) {
            return switch (actual) {
                case SHUT_OFF, SUSPENDED -> Optional.of(Op.START);
                case PAUSED -> Optional.of(Op.RESUME);
                default -> Optional.empty();
            };
        }
        if ("suspended".equals(storeState) && (actual == VmStatus.ACTIVE || actual == VmStatus.PAUSED)) {
            return Optional.of(Op.SUSPEND);
        }
        return Optional.empty();
    }
}
