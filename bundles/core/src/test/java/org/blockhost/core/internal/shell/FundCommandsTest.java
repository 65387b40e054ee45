package org.blockhost.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code funds} arguments: anything but status, run, run --dry-run is the usage (nothing runs). */
class FundCommandsTest {

    @Test
    void verbs() {
        assertEquals("status", FundCommands.parse());
        assertEquals("status", FundCommands.parse("status"));
        assertEquals("run", FundCommands.parse("run"));
        assertEquals("dry-run", FundCommands.parse("run", "--dry-run"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pay", "run --dryrun", "run now", "status x", "--dry-run", "run --dry-run extra", "RUN"})
    void anythingElseIsTheUsage(String args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FundCommands.parse(args.split(" ")));
        assertEquals(FundCommands.USAGE, e.getMessage());
    }

    @Test
    void withoutAnActiveFundManagerItSaysWhyAndRunsNothing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FundCommands(null).run(System.out, false, "run"));
        assertEquals(true, e.getMessage().contains("org.blockhost.core.funds"), e.getMessage());
    }
}
