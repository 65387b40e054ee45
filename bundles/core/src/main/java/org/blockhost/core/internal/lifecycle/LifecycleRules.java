package org.blockhost.core.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * The lifecycle decision for one VM, as a pure function. It applies to every VM that exists
 * (state {@code provisioning}, {@code active} or {@code suspended}), whatever its pipeline stage:
 * a VM whose subscription parked after the VM was created is suspended at expiry and destroyed
 * after grace like any other. Destroy, the only irreversible step, needs: a readable chain (an RPC
 * error is "unknown"), the expiry read at finality, the grace period elapsed both since suspension
 * and on chain time, no admin hold, no reorged purchase, the same verdict on the previous check,
 * and then {@link #confirmDestroy}: the chain's own record at finality agrees with the store and
 * the watcher is not behind.
 */
public final class LifecycleRules {

    /** What core knows about a VM. {@code operatorSuspended}: suspended by {@code vm suspend}, never auto-resumed. */
    public record VmFacts(String state, Instant expiresAt, boolean cancelled, boolean held, boolean orphaned,
            Instant suspendedAt, long expiryBlock, int destroyChecks, boolean operatorSuspended) {

        public VmFacts(String state, Instant expiresAt, boolean cancelled, boolean held, boolean orphaned,
                Instant suspendedAt, long expiryBlock, int destroyChecks) {
            this(state, expiresAt, cancelled, held, orphaned, suspendedAt, expiryBlock, destroyChecks, false);
        }

        /** The same VM with the expiry the chain holds (a renewal the store missed). */
        public VmFacts withExpiry(Instant expiry, long block) {
            return new VmFacts(state, expiry, cancelled, held, orphaned, suspendedAt, block, 0, operatorSuspended);
        }
    }

    /** What to do. {@code UPDATE_EXPIRY}: the chain holds a later expiry than the store (a missed renewal). */
    public enum Action { NONE, SUSPEND, RESUME, DESTROY_CHECK, DESTROY, RESET_CHECKS, UPDATE_EXPIRY }

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
        if ("active".equals(vm.state()) || "provisioning".equals(vm.state())) {
            return lapsed ? new Decision(Action.SUSPEND, why(vm)) : none();
        }
        if (!"suspended".equals(vm.state())) {
            return none();
        }
        if (!lapsed) {
            return vm.operatorSuspended() ? none() : new Decision(Action.RESUME, "renewed until " + vm.expiresAt());
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

    /**
     * The last gate before a DESTROY: the engine's committed cursor must be within {@code maxLag}
     * blocks of the finalized block (a stalled watcher may have missed a renewal), and the chain's
     * record at finality must agree with the store. A later expiry on chain is a renewal the store
     * missed ({@code UPDATE_EXPIRY}); any other disagreement, or no record, is "unknown".
     *
     * @param cursor the engine's committed watcher cursor, empty when there is none
     * @param onChain the subscription at the finalized block, empty when the chain has none
     */
    public static Decision confirmDestroy(VmFacts vm, String subscriber, ChainHead head, Optional<Long> cursor,
            long maxLag, Optional<SubscriptionRecord> onChain) {
        if (cursor.isEmpty() || head.finalizedNumber() - cursor.get() > maxLag) {
            return hold(vm, "watcher cursor " + cursor.map(String::valueOf).orElse("none") + " is more than " + maxLag
                    + " blocks behind the finalized block " + head.finalizedNumber() + ": state unknown");
        }
        if (onChain.isEmpty()) {
            return hold(vm, "no such subscription on chain at finality: state unknown");
        }
        SubscriptionRecord r = onChain.get();
        if (!r.subscriber().equalsIgnoreCase(subscriber)) {
            return hold(vm, "subscriber on chain " + r.subscriber() + " differs from the store: state unknown");
        }
        if (missedRenewal(vm, subscriber, onChain).isPresent()) {
            return new Decision(Action.UPDATE_EXPIRY, "expiry on chain " + r.expiresAt() + " is later than stored "
                    + vm.expiresAt());
        }
        if (r.cancelled() != vm.cancelled() || !r.expiresAt().equals(vm.expiresAt())) {
            return hold(vm, "chain at finality (expiry " + r.expiresAt() + ", cancelled " + r.cancelled()
                    + ") disagrees with the store: state unknown");
        }
        return new Decision(Action.DESTROY, "grace elapsed, two checks, chain agrees at block " + r.block());
    }

    /**
     * The chain's record when it shows a renewal the store missed: the same subscriber, not
     * cancelled, and a later expiry than the store's.
     */
    public static Optional<SubscriptionRecord> missedRenewal(VmFacts vm, String subscriber,
            Optional<SubscriptionRecord> onChain) {
        return onChain.filter(r -> r.subscriber().equalsIgnoreCase(subscriber) && !r.cancelled()
                && r.expiresAt().isAfter(vm.expiresAt()));
    }

    /** Whether the VM lapsed by its expiry alone (not cancelled, not reorged, not suspended by the operator). */
    public static boolean lapsedByExpiry(VmFacts vm, ChainHead head) {
        return !vm.cancelled() && !vm.orphaned() && !vm.operatorSuspended() && !head.timestamp().isBefore(vm.expiresAt());
    }

    private static String why(VmFacts vm) {
        return vm.cancelled() ? "cancelled on chain" : vm.orphaned() ? "purchase removed by a reorg" : "expired at " + vm.expiresAt();
    }

    static Decision hold(VmFacts vm, String reason) {
        return new Decision(vm.destroyChecks() > 0 ? Action.RESET_CHECKS : Action.NONE, reason);
    }

    private static Decision none() {
        return new Decision(Action.NONE, "");
    }
}
