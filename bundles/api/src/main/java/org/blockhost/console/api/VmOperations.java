package org.blockhost.console.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The operator's actions on one VM: the one code path behind the CLI's {@code vm ...} commands and
 * the admin console. Every action and every refusal is written to the audit trail with the actor.
 */
@ProviderType
public interface VmOperations {

    /** What the operator can do to a VM. */
    enum Action {
        /** Boots a stopped VM. */
        START,
        /** Asks the guest to shut down; the subscription and the store's state are unchanged. */
        STOP,
        /** Pauses the VM; the lifecycle does not resume it while paid until {@link #RESUME}. */
        SUSPEND,
        /** Undoes an operator suspend; refused when the subscription is not paid. */
        RESUME,
        /** Deletes the VM and its disk for good; needs {@link Request#confirmed()}; refused while held. */
        DESTROY,
        /** Sets the admin hold: nothing destroys the VM until released. */
        HOLD,
        /** Clears the admin hold. */
        RELEASE
    }

    /**
     * One action.
     *
     * @param name the VM, for example {@code blockhost-001}
     * @param action what to do
     * @param confirmed the operator confirmed an irreversible action (destroy)
     * @param forcePaid also act on a paid VM whose pipeline is not parked (suspend, destroy)
     * @param actor who asks, for the audit trail: {@code operator} (CLI) or {@code admin 0x… from 1.2.3.4}
     */
    record Request(String name, Action action, boolean confirmed, boolean forcePaid, String actor) {
    }

    /** The action was refused; the message says why and what to do, in the operator's words. */
    final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Performs the action.
     *
     * @return a sentence saying what was done
     * @throws RefusedException when refused (unknown VM, held, paid, not suspended, not confirmed)
     * @throws IllegalStateException when the provisioner failed; nothing changed in the store
     */
    String perform(Request request);
}
