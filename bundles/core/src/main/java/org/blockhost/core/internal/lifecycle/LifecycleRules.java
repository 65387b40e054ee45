package org.blockhost.core.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.blockhost.engine.api.ChainHead;

/**
 * The lifecycle decision for one VM, as a pure function. Destroy, the only irreversible step,
 * needs: a readable chain (an RPC error is "unknown"), the expiry read at finality, the grace
 * period elapsed both since suspension and on chain time, no admin hold, no reorged purchase, and
 * the same verdict on the previous check.
 */
public final class LifecycleRules {

    /** What core knows about a VM. */
    public record VmFacts(String state, Instant expiresAt, boolean cancelled, boolean held, boolean orphaned,
            Instant suspendedAt, long expiryBlock, int destroyChecks) {
    }

    /** What to do. */
    public enum Action { NONE, SUSPEND, RESUME, DESTROY_CHECK, DESTROY, RESET_CHECKS }

    /** An action and why. */
    public record Decision(Action action, String reason) {
    }

    private LifecycleRules() {
    }

    public static Decision decide(VmFacts vm, Optional<ChainHead> head, Instant now, Duration grace) {
        if (head.isEmpty()) {
            return hold(vm, "chain unavailable: state unknown");
        }
        Instant chainNow = head.get().timestamp();
        boolean lapsed = vm.cancelled() || vm.orphaned() || !chainNow.isBefore(vm.expiresAt());
        if ("active".equals(vm.state())) {
            return lapsed ? new Decision(Action.SUSPEND, why(vm)) : none();
        }
        if (!"suspended".equals(vm.state())) {
            return none();
        }
        if (!lapsed) {
            return new Decision(Action.RESUME, "renewed until " + vm.expiresAt());
        }
        if (vm.orphaned()) {
            return hold(vm, "purchase removed by a reorg: suspended until re-included");
        }
        if (vm.expiryBlock() > head.get().finalizedNumber()) {
            return hold(vm, "expiry not final yet");
        }
        if (vm.held()) {
            return hold(vm, "admin hold");
        }
        boolean graceOnChain = vm.cancelled() || !chainNow.isBefore(vm.expiresAt().plus(grace));
        boolean graceSuspended = vm.suspendedAt() != null && !now.isBefore(vm.suspendedAt().plus(grace));
        if (!graceOnChain || !graceSuspended) {
            return hold(vm, "within grace period");
        }
        return vm.destroyChecks() >= 1 ? new Decision(Action.DESTROY, "grace elapsed, confirmed by two checks")
                : new Decision(Action.DESTROY_CHECK, "grace elapsed, first check");
    }

    private static String why(VmFacts vm) {
        return vm.cancelled() ? "cancelled on chain" : vm.orphaned() ? "purchase removed by a reorg" : "expired at " + vm.expiresAt();
    }

    private static Decision hold(VmFacts vm, String reason) {
        return new Decision(vm.destroyChecks() > 0 ? Action.RESET_CHECKS : Action.NONE, reason);
    }

    private static Decision none() {
        return new Decision(Action.NONE, "");
    }
}
