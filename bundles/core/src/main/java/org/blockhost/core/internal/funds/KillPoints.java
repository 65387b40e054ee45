package org.blockhost.core.internal.funds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

import org.blockhost.platform.api.RuntimeLayout;

/**
 * The named points of a fund run where the real-process crash test SIGKILLs the runtime, like the
 * scripted plugin's kill points of the pipeline crash test: {@code withdraw|transfer} ×
 * {@code before} (planned, nothing sent), {@code signed} (hash and nonce recorded, not broadcast;
 * transfers only), {@code sent} (broadcast, nothing recorded after it: a withdrawal's hash is not
 * recorded yet) and {@code paid} (recorded paid, the next one not started). Does nothing unless
 * {@link #PROPERTY} is {@code true} in dev mode; never in production.
 */
@FunctionalInterface
public interface KillPoints {
    /** Framework property that turns the markers on (dev mode only). */
    String PROPERTY = "blockhost.test.killpoints";
    /** No kill points: production. */
    KillPoints NONE = (point, role) -> { };

    /** The run passes {@code point} for the transfer to {@code role}. */
    void at(String point, String role);

    /** {@link #NONE}, or the marker file under {@code <state>/killpoints} when dev mode asks for it. */
    static KillPoints from(UnaryOperator<String> properties) {
        RuntimeLayout layout = RuntimeLayout.from(properties);
        if (!layout.dev() || !"true".equals(properties.apply(PROPERTY))) {
            return NONE;
        }
        return new Markers(layout.stateDir().resolve("killpoints"));
    }

    /**
     * Appends {@code POINT ROLE} to {@code markers}, forced to disk; while {@code pause} exists it
     * waits {@link #PAUSE_MILLIS} there (only at the {@code POINT ROLE} it names, when it names one)
     * so that a test can kill the process at that very point.
     */
    final class Markers implements KillPoints {
        static final long PAUSE_MILLIS = 1000;
        private final Path dir;

        Markers(Path dir) {
            this.dir = dir;
        }

        @Override
        public synchronized void at(String point, String role) {
            try {
                Files.createDirectories(dir);
                try (FileChannel out = FileChannel.open(dir.resolve("markers"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    out.write(ByteBuffer.wrap((point + " " + role + "\n").getBytes(StandardCharsets.UTF_8)));
                    out.force(false);
                }
                Path pause = dir.resolve("pause");
                if (Files.exists(pause)) {
                    String only = Files.readString(pause, StandardCharsets.UTF_8).strip();
                    if (only.isEmpty() || only.equals(point + " " + role)) {
                        Thread.sleep(PAUSE_MILLIS);
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // the pause flag went away between the check and the read: no pause
            } catch (IOException e) {
                throw new UncheckedIOException("kill point markers", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
