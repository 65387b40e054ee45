package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.blockhost.core.internal.lifecycle.Convergence.Op;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wanted (the store's state) against actual (the provisioner's status): every pair. */
class ConvergenceTest {

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource({
        "active, ACTIVE, ", "active, PAUSED, RESUME", "active, SUSPENDED, START", "active, SHUT_OFF, START",
        "active, DESTROYED, ", "active, UNKNOWN, ",
        "provisioning, ACTIVE, ", "provisioning, PAUSED, RESUME", "provisioning, SUSPENDED, START",
        "provisioning, SHUT_OFF, START", "provisioning, DESTROYED, ", "provisioning, UNKNOWN, ",
        "suspended, ACTIVE, SUSPEND", "suspended, PAUSED, SUSPEND", "suspended, SUSPENDED, ", "suspended, SHUT_OFF, ",
        "suspended, DESTROYED, ", "suspended, UNKNOWN, ",
        "destroyed, ACTIVE, ", "destroyed, SHUT_OFF, "})
    void plan(String state, VmStatus actual, Op op) {
        assertEquals(Optional.ofNullable(op), Convergence.plan(state, actual));
    }
}
