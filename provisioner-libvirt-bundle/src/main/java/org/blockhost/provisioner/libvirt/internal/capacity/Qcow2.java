package org.blockhost.provisioner.libvirt.internal.capacity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/** Reads the virtual size from a qcow2 header (magic {@code QFI\xfb}, size at offset 24). */
public final class Qcow2 {
    private static final int MAGIC = 0x514649fb;

    private Qcow2() {
    }

    public static OptionalLong virtualSize(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(32);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill the header
            }
            if (b.hasRemaining()) {
                return OptionalLong.empty();
            }
            b.flip();
            if (b.getInt(0) != MAGIC) {
                return OptionalLong.empty();
            }
            int version = b.getInt(4);
            long size = b.getLong(24);
            return version >= 2 && version <= 3 && size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
