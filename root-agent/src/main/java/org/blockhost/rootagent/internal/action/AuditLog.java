package org.blockhost.rootagent.internal.action;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one line per call (action, caller, parameters without secrets, result,
 * duration) to the {@code org.blockhost.rootagent.audit} logger and, optionally, appended to
 * {@code audit.log} in the state directory (mode 0600).
 */
public final class AuditLog implements AutoCloseable {
    public static final String LOGGER = "org.blockhost.rootagent.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final FileChannel file;

    public AuditLog(Path stateDir) {
        this.file = stateDir == null ? null : open(stateDir.resolve("audit.log"));
    }

    private static FileChannel open(Path p) {
        try {
            Files.createDirectories(p.getParent());
            return FileChannel.open(p, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("audit file {} not available: {}", p, e.toString());
            return null;
        }
    }

    public void record(String action, Caller caller, Map<String, Object> params, String result, long millis) {
        String line = "action=" + action + " uid=" + caller.uid() + " pid=" + caller.pid() + " params="
                + params + " result=" + result + " duration_ms=" + millis;
        LOG.info(line);
        if (file != null) {
            byte[] b = (Instant.now() + " " + line + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                try {
                    file.write(ByteBuffer.wrap(b));
                } catch (IOException e) {
                    LOG.warn("audit file write failed: {}", e.toString());
                }
            }
        }
    }

    /** Records a refused connection (caller not allowed). */
    public void refused(Caller caller, String reason) {
        record("<connect>", caller, Map.of(), "refused: " + reason, 0);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("close", e);
            }
        }
    }
}
