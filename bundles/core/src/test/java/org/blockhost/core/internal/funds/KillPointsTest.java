package org.blockhost.core.internal.funds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.blockhost.platform.api.RuntimeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fund run's kill points exist only in dev mode with the test property; production never writes markers. */
class KillPointsTest {
    @TempDir
    Path dir;

    private KillPoints points(String mode, String flag) {
        Map<String, String> props = new java.util.HashMap<>(Map.of(RuntimeLayout.MODE, mode,
                RuntimeLayout.STATE_DIR, dir.toString(), RuntimeLayout.CONFIG_DIR, dir.resolve("etc").toString(),
                RuntimeLayout.PLUGINS_DIR, dir.resolve("plugins").toString()));
        if (flag != null) {
            props.put(KillPoints.PROPERTY, flag);
        }
        return KillPoints.from(props::get);
    }

    @Test
    void productionAndDevWithoutThePropertyHaveNone() {
        assertSame(KillPoints.NONE, points("production", "true"), "never in production, whatever is configured");
        assertSame(KillPoints.NONE, points("dev", null));
        assertSame(KillPoints.NONE, points("dev", "yes"));
        points("production", "true").at("transfer.before", "dev");
        assertFalse(Files.exists(dir.resolve("killpoints")));
    }

    @Test
    void devWithThePropertyAppendsEveryPointAndPausesWhileAsked() throws Exception {
        KillPoints p = points("dev", "true");
        p.at("withdraw.sent", "payout");
        Files.writeString(dir.resolve("killpoints/pause"), "");
        long t0 = System.nanoTime();
        p.at("transfer.signed", "ops");
        assertTrue(System.nanoTime() - t0 >= KillPoints.Markers.PAUSE_MILLIS * 1_000_000, "waits while pause exists");
        Files.writeString(dir.resolve("killpoints/pause"), "transfer.sent cold\n");
        t0 = System.nanoTime();
        p.at("transfer.sent", "dev");
        assertTrue(System.nanoTime() - t0 < KillPoints.Markers.PAUSE_MILLIS * 1_000_000, "a named pause is only there");
        p.at("transfer.sent", "cold");
        assertTrue(System.nanoTime() - t0 >= KillPoints.Markers.PAUSE_MILLIS * 1_000_000, "and waits there");
        assertEquals(List.of("withdraw.sent payout", "transfer.signed ops", "transfer.sent dev", "transfer.sent cold"),
                Files.readAllLines(dir.resolve("killpoints/markers")));
    }
}
