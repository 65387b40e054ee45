package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The backing file name recorded in a qcow2 header (magic {@code QFI\xfb}; backing-file offset at
 * byte 8, its length at byte 16). Read without following symlinks and without running qemu-img.
 */
final class Qcow2Backing {
    private static final int MAGIC = 0x514649fb;
    private static final int MAX_NAME = 1023;

    private Qcow2Backing() {
    }

    /** The backing file name; empty when the file is no qcow2 image or has no backing file. */
    static Optional<String> of(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer h = read(ch, 0, 20);
            if (h == null || h.getInt(0) != MAGIC || h.getInt(4) < 2 || h.getInt(4) > 3) {
                return Optional.empty();
            }
            long offset = h.getLong(8);
            int len = h.getInt(16);
            if (offset == 0 || len <= 0 || len > MAX_NAME) {
                return Optional.empty();
            }
            ByteBuffer name = read(ch, offset, len);
            return name == null ? Optional.empty()
                    : Optional.of(new String(name.array(), 0, len, StandardCharsets.UTF_8));
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r <= 0) {
                return null;
            }
        }
        return b.flip();
    }
}
