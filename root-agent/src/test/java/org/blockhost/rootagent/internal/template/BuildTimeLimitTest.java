package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template build's time follows its unit's TimeoutStartSec, the operator's knob on a slow host. */
class BuildTimeLimitTest {
    static final String UNIT = "blockhost-template-build.service";

    @Test
    void timeSpansAsSystemdPrintsThemAreRead() {
        assertEquals(Optional.of(Duration.ofMinutes(45)), BuildTimeLimit.parseSpan("45min"));
        assertEquals(Optional.of(Duration.ofMinutes(150)), BuildTimeLimit.parseSpan("2h 30min"));
        assertEquals(Optional.of(Duration.ofHours(26).plusSeconds(30)), BuildTimeLimit.parseSpan("1d 2h 30s"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), BuildTimeLimit.parseSpan("1s 500ms"));
        assertEquals(Optional.of(Duration.ofDays(14)), BuildTimeLimit.parseSpan("2w"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "45", "45 min", "45minutes", "2h  30min", " 45min", "45min ", "-5min", "1.5h",
        "2h,30min", "1M", "45MIN", "1234567890min", "45min\n2h"})
    void anythingElseIsNotATimeSpan(String text) {
        assertEquals(Optional.empty(), BuildTimeLimit.parseSpan(text), text);
    }

    @Test
    void theUnitsLimitIsAskedOfSystemdAndHeldToTenMinutesToADay() {
        List<List<String>> asked = new ArrayList<>();
        assertEquals(Duration.ofMinutes(150), BuildTimeLimit.ofUnit(answer(asked, 0, "2h 30min\n"), UNIT));
        assertEquals(List.of(List.of("systemctl", "show", "--property=TimeoutStartUSec", "--value", UNIT)), asked);
        assertEquals(Duration.ofMinutes(45), BuildTimeLimit.ofUnit(answer(asked, 0, "45min\n"), UNIT));
        assertEquals(Duration.ofMinutes(10), BuildTimeLimit.ofUnit(answer(asked, 0, "1min 30s\n"), UNIT));
        assertEquals(Duration.ofHours(24), BuildTimeLimit.ofUnit(answer(asked, 0, "3d\n"), UNIT));
        assertEquals(Duration.ofHours(24), BuildTimeLimit.ofUnit(answer(asked, 0, "infinity\n"), UNIT), "never unbounded");
    }

    @Test
    void anUnreadableLimitIsThePackaged45Minutes() {
        List<List<String>> asked = new ArrayList<>();
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.ofUnit(answer(asked, 1, ""), UNIT), "no systemd");
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.ofUnit(answer(asked, 0, "soon\n"), UNIT));
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.ofUnit(answer(asked, 0, "\n"), UNIT));
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.ofUnit(argv -> {
            throw ActionException.failed("systemctl timed out");
        }, UNIT));
    }

    @Test
    void theLimitLeftForTheBuildIsReadBackOnlyAsWholeSecondsInRange(@TempDir Path dir) throws Exception {
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.read(dir), "none left");
        BuildTimeLimit.write(dir, Duration.ofMinutes(150));
        assertEquals("9000", Files.readString(dir.resolve(BuildTimeLimit.FILE)));
        assertEquals(Duration.ofMinutes(150), BuildTimeLimit.read(dir));
        for (String bad : new String[] {"60", "86401", "9000s", "-9000", "9e3", "", "1234567"}) {
            Files.writeString(dir.resolve(BuildTimeLimit.FILE), bad);
            assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.read(dir), bad);
        }
        Files.delete(dir.resolve(BuildTimeLimit.FILE));
        Files.createSymbolicLink(dir.resolve(BuildTimeLimit.FILE), dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere"), "9000");
        assertEquals(BuildTimeLimit.PACKAGED, BuildTimeLimit.read(dir), "a link is not followed");
    }

    @Test
    void thePackagedUnitSays45Minutes() throws Exception {
        String unit = UnitFiles.read(UNIT);
        assertEquals("45min", UnitFiles.value(unit, "TimeoutStartSec"));
        assertEquals(Optional.of(BuildTimeLimit.PACKAGED), BuildTimeLimit.parseSpan("45min"));
        assertTrue(Files.readString(UnitFiles.path(UNIT)).contains("systemctl edit blockhost-template-build.service"),
                "the unit says how to raise it");
    }

    private static BuildTimeLimit.Exec answer(List<List<String>> asked, int exit, String out) {
        return argv -> {
            asked.add(argv);
            return new CommandRunner.Result(exit, out, exit == 0 ? "" : "System has not been booted with systemd");
        };
    }
}
