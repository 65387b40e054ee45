package org.blockhost.provisioner.libvirt.internal.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether an overlay or seed left by an interrupted create is complete and the one this create
 * would make. Checked from the files' own headers (the runtime may read the VM directory): a qcow2
 * of the expected size on an existing backing file whose L1 and refcount tables lie inside the file; an
 * ISO 9660 image with volume id {@code cidata} at least as long as its volume.
 */
final class Leftovers {
    private static final int QCOW2_MAGIC = 0x514649fb;
    private static final int ISO_PVD = 32768;

    private Leftovers() {
    }

    static boolean overlayComplete(Path overlay, long bytes) {
        try (FileChannel ch = FileChannel.open(overlay, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer h = read(ch, 0, 72, ByteOrder.BIG_ENDIAN);
            if (h == null || h.getInt(0) != QCOW2_MAGIC || h.getLong(24) != bytes) {
                return false;
            }
            long cluster = 1L << Math.min(h.getInt(20), 30);
            long l1End = h.getLong(40) + 8L * h.getInt(36);
            long refEnd = h.getLong(48) + cluster * h.getInt(56);
            if (ch.size() < Math.max(l1End, refEnd) || h.getLong(8) == 0 || h.getInt(16) <= 0 || h.getInt(16) > 1023) {
                return false;
            }
            ByteBuffer name = read(ch, h.getLong(8), h.getInt(16), ByteOrder.BIG_ENDIAN);
            return name != null && Files.isRegularFile(overlay.resolveSibling(
                    new String(name.array(), StandardCharsets.UTF_8)));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    static boolean seedComplete(Path iso) {
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer d = read(ch, ISO_PVD, 136, ByteOrder.LITTLE_ENDIAN);
            if (d == null || d.get(0) != 1 || !"CD001".equals(new String(d.array(), 1, 5, StandardCharsets.US_ASCII))
                    || !"cidata".equals(new String(d.array(), 40, 32, StandardCharsets.US_ASCII).strip())) {
                return false;
            }
            long blocks = Integer.toUnsignedLong(d.getInt(80));
            int blockSize = Short.toUnsignedInt(d.getShort(128));
            return blocks > 0 && blockSize > 0 && ch.size() >= blocks * blockSize;
        } catch (IOException e) {
            return false;
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(order);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) <= 0) {
                return null;
            }
        }
        return b.flip();
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
