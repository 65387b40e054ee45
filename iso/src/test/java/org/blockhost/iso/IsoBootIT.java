package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Boots the ISO in QEMU (TCG, no disk, no network, serial console): ISOLINUX shows the erase warning,
 * the serial entry is chosen, and d-i's kernel runs its initrd with the unattended boot line (~30 s).
 * With {@code -Dblockhost.iso.bootToPreseed=true} it waits (up to 5 min; ~100 s here) until the
 * installer has read the preseed from its initrd ({@code preseed/early_command} prints a line).
 */
class IsoBootIT {
    @Test
    void theInstallerBootsWithThePreseedFromTheSerialMenu() throws Exception {
        assumeTrue(Tools.run(List.of("sh", "-c", "command -v qemu-system-x86_64")).exit() == 0, "needs qemu-system-x86");
        boolean full = Boolean.getBoolean("blockhost.iso.bootToPreseed");
        Process q = new ProcessBuilder("qemu-system-x86_64", "-m", "1024", "-accel", "tcg", "-cdrom",
                IsoIT.ISO.toString(), "-boot", "d", "-nographic", "-serial", "stdio", "-monitor", "none",
                "-display", "none", "-no-reboot", "-net", "none").redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try {
            InputStream in = q.getInputStream();
            OutputStream out = q.getOutputStream();
            await(in, seen, "ERASES THE WHOLE FIRST DISK", Duration.ofSeconds(60));
            await(in, seen, "boot:", Duration.ofSeconds(20));
            out.write("install-serial\r".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(in, seen, "auto=true priority=critical console=ttyS0", Duration.ofSeconds(60));
            await(in, seen, "Run /init as init process", Duration.ofSeconds(90));
            if (full) {
                await(in, seen, "BlockHost: preseed loaded", Duration.ofMinutes(5));
            }
        } finally {
            q.destroy();
            if (!q.waitFor(10, TimeUnit.SECONDS)) {
                q.destroyForcibly();
            }
        }
    }

    private static final java.util.regex.Pattern ESCAPES =
            java.util.regex.Pattern.compile("\u001b(\\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|[=>c])");

    /** Where the last awaited text ended: the next one must come after it. */
    private int pos;

    /** Reads the console until {@code text} has appeared after the last match (fails with the tail of the console). */
    private void await(InputStream in, StringBuilder seen, String text, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (text(seen).indexOf(text, pos) < 0) {
            assertTrue(System.nanoTime() < end, "no '" + text + "' on the serial console; last output:\n"
                    + seen.substring(Math.max(0, seen.length() - 2000)));
            if (in.available() > 0) {
                byte[] b = new byte[in.available()];
                int n = in.read(b);
                seen.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
            } else {
                Thread.sleep(100);
            }
        }
        pos = text(seen).indexOf(text, pos) + text.length();
    }

    /** The console without terminal escapes (SeaBIOS and the installer move the cursor mid-line). */
    private static String text(StringBuilder raw) {
        return ESCAPES.matcher(raw).replaceAll("");
    }
}
