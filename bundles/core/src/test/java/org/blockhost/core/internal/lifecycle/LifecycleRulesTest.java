package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.blockhost.core.internal.lifecycle.LifecycleRules.Action;
import org.blockhost.core.internal.lifecycle.LifecycleRules.VmFacts;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.SubscriptionRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle table: every row is one situation and the only acceptable action. */
class LifecycleRulesTest {
    private static final Instant EXPIRY = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofDays(3);
    private static final Instant AFTER_GRACE = EXPIRY.plus(GRACE).plusSeconds(60);

    static Stream<Arguments> table() {
        return Stream.of(
            row("active, not expired", vm("active", false, false, false, null, 100, 0), head(EXPIRY.minusSeconds(1), 200), EXPIRY, Action.NONE),
            row("active, expired -> suspend", vm("active", false, false, false, null, 100, 0), head(EXPIRY, 200), EXPIRY, Action.SUSPEND),
            row("active, cancelled -> suspend", vm("active", true, false, false, null, 100, 0), head(EXPIRY.minusSeconds(9), 200), EXPIRY, Action.SUSPEND),
            row("active, reorged purchase -> suspend", vm("active", false, false, true, null, 100, 0), head(EXPIRY.minusSeconds(9), 200), EXPIRY, Action.SUSPEND),
            row("active, RPC error -> nothing", vm("active", false, false, false, null, 100, 0), null, EXPIRY, Action.NONE),
            row("suspended, renewed -> resume", vm("suspended", false, false, false, EXPIRY, 100, 0), head(EXPIRY.minusSeconds(1), 200), EXPIRY, Action.RESUME),
            row("suspended, within grace", vm("suspended", false, false, false, EXPIRY, 100, 0), head(EXPIRY.plus(Duration.ofDays(1)), 200), EXPIRY.plus(Duration.ofDays(1)), Action.NONE),
            row("grace elapsed, first check only", vm("suspended", false, false, false, EXPIRY, 100, 0), head(AFTER_GRACE, 200), AFTER_GRACE, Action.DESTROY_CHECK),
            row("grace elapsed, second agreeing check -> destroy", vm("suspended", false, false, false, EXPIRY, 100, 1), head(AFTER_GRACE, 200), AFTER_GRACE, Action.DESTROY),
            row("grace elapsed, RPC error -> reset, never destroy", vm("suspended", false, false, false, EXPIRY, 100, 1), null, AFTER_GRACE, Action.RESET_CHECKS),
            row("grace elapsed, RPC error, no check yet", vm("suspended", false, false, false, EXPIRY, 100, 0), null, AFTER_GRACE, Action.NONE),
            row("grace elapsed, held -> never destroy", vm("suspended", false, true, false, EXPIRY, 100, 1), head(AFTER_GRACE, 200), AFTER_GRACE, Action.RESET_CHECKS),
            row("grace elapsed, held, no check", vm("suspended", false, true, false, EXPIRY, 100, 0), head(AFTER_GRACE, 200), AFTER_GRACE, Action.NONE),
            row("grace elapsed, expiry not final", vm("suspended", false, false, false, EXPIRY, 250, 1), head(AFTER_GRACE, 200), AFTER_GRACE, Action.RESET_CHECKS),
            row("grace elapsed on chain, suspended recently", vm("suspended", false, false, false, AFTER_GRACE.minusSeconds(60), 100, 1), head(AFTER_GRACE, 200), AFTER_GRACE, Action.RESET_CHECKS),
            row("wall clock past grace, chain time not", vm("suspended", false, false, false, EXPIRY, 100, 1), head(EXPIRY.plusSeconds(5), 200), AFTER_GRACE, Action.RESET_CHECKS),
            row("cancelled, grace elapsed since suspension -> destroy", vm("suspended", true, false, false, EXPIRY, 100, 1), head(EXPIRY.minusSeconds(99), 200), AFTER_GRACE, Action.DESTROY),
            row("cancelled, suspended recently", vm("suspended", true, false, false, AFTER_GRACE.minusSeconds(10), 100, 0), head(EXPIRY, 200), AFTER_GRACE, Action.NONE),
            row("reorged purchase never destroyed", vm("suspended", false, false, true, EXPIRY, 100, 1), head(AFTER_GRACE, 200), AFTER_GRACE, Action.RESET_CHECKS),
            row("destroyed stays", vm("destroyed", false, false, false, EXPIRY, 100, 0), head(AFTER_GRACE, 200), AFTER_GRACE, Action.NONE),
            row("provisioning (parked), paid -> runs", vm("provisioning", false, false, false, null, 100, 0), head(EXPIRY.minusSeconds(1), 200), EXPIRY, Action.NONE),
            row("provisioning (parked), expired -> suspend", vm("provisioning", false, false, false, null, 100, 0), head(EXPIRY, 200), EXPIRY, Action.SUSPEND),
            row("provisioning, cancelled -> suspend", vm("provisioning", true, false, false, null, 100, 0), head(EXPIRY.minusSeconds(9), 200), EXPIRY, Action.SUSPEND),
            row("operator suspended, paid -> stays suspended", new VmFacts("suspended", EXPIRY, false, false, false, EXPIRY, 100, 0, true), head(EXPIRY.minusSeconds(9), 200), EXPIRY, Action.NONE));
    }

    private static final String BUYER = "0xAbC0000000000000000000000000000000000001";

    static Stream<Arguments> confirmations() {
        VmFacts due = vm("suspended", false, false, false, EXPIRY, 100, 1);
        VmFacts cancelled = vm("suspended", true, false, false, EXPIRY, 100, 1);
        return Stream.of(
            Arguments.of("chain agrees, cursor close -> destroy", due, 195L, chain(EXPIRY, false), Action.DESTROY),
            Arguments.of("cursor lags the finalized block by more than N -> no destroy", due, 135L, chain(EXPIRY, false), Action.RESET_CHECKS),
            Arguments.of("cursor exactly N behind -> destroy", due, 136L, chain(EXPIRY, false), Action.DESTROY),
            Arguments.of("no cursor -> no destroy", due, null, chain(EXPIRY, false), Action.RESET_CHECKS),
            Arguments.of("later expiry on chain -> update, not destroy", due, 195L, chain(EXPIRY.plus(Duration.ofDays(30)), false), Action.UPDATE_EXPIRY),
            Arguments.of("earlier expiry on chain -> unknown", due, 195L, chain(EXPIRY.minusSeconds(60), false), Action.RESET_CHECKS),
            Arguments.of("cancelled on chain, not in store -> unknown", due, 195L, chain(EXPIRY, true), Action.RESET_CHECKS),
            Arguments.of("cancelled in both -> destroy", cancelled, 195L, chain(EXPIRY, true), Action.DESTROY),
            Arguments.of("cancelled in store, not on chain -> unknown", cancelled, 195L, chain(EXPIRY, false), Action.RESET_CHECKS),
            Arguments.of("no such subscription on chain -> unknown", due, 195L, null, Action.RESET_CHECKS),
            Arguments.of("other subscriber on chain -> unknown", due, 195L,
                    new SubscriptionRecord(7, "0x00000000000000000000000000000000000000bb", 1, EXPIRY, false, 200), Action.RESET_CHECKS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("confirmations")
    void confirmsDestroyAgainstTheChainAtFinality(String name, VmFacts vm, Long cursor, SubscriptionRecord onChain,
            Action expected) {
        assertEquals(expected, LifecycleRules.confirmDestroy(vm, BUYER.toLowerCase(), head(AFTER_GRACE, 200),
                Optional.ofNullable(cursor), 64, Optional.ofNullable(onChain)).action());
    }

    private static SubscriptionRecord chain(Instant expiry, boolean cancelled) {
        return new SubscriptionRecord(7, BUYER, 1, expiry, cancelled, 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, VmFacts vm, ChainHead head, Instant now, Action expected) {
        assertEquals(expected, LifecycleRules.decide(vm, Optional.ofNullable(head), now, GRACE).action());
    }

    private static Arguments row(String name, VmFacts vm, ChainHead head, Instant now, Action expected) {
        return Arguments.of(name, vm, head, now, expected);
    }

    private static VmFacts vm(String state, boolean cancelled, boolean held, boolean orphaned, Instant suspendedAt,
            long expiryBlock, int checks) {
        return new VmFacts(state, EXPIRY, cancelled, held, orphaned, suspendedAt, expiryBlock, checks);
    }

    private static ChainHead head(Instant chainTime, long finalized) {
        return new ChainHead(finalized + 10, "h", finalized, chainTime);
    }
}
