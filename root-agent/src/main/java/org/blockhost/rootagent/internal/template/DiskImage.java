package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lays out a bootable raw disk without mounting anything: MBR boot code, a DOS partition table
 * (FAT boot partition + ext4 root), and the two partition images copied in sparsely.
 */
final class DiskImage {
    static final long MIB = 1L << 20;
    static final long BOOT_MIB = 256;
    private static final int SECTOR = 512;

    private DiskImage() {
    }

    static void sparseFile(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    /** The sfdisk script: partition 1 FAT (bootable) from 1 MiB, partition 2 Linux to the end. */
    static byte[] partitionScript() {
        long bootStart = MIB / SECTOR;
        long bootSectors = BOOT_MIB * MIB / SECTOR;
        String s = "label: dos\n"
                + "start=" + bootStart + ", size=" + bootSectors + ", type=c, bootable\n"
                + "start=" + (bootStart + bootSectors) + ", type=83\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static long rootOffset() {
        return MIB + BOOT_MIB * MIB;
    }

    /** Copies {@code part} into {@code disk} at {@code offset}, skipping all-zero chunks. */
    static void copyInto(Path part, Path disk, long offset) throws IOException {
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocateDirect((int) MIB);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = in.read(buf, pos);
                if (n <= 0) {
                    return;
                }
                buf.flip();
                if (!allZero(buf)) {
                    out.write(buf, offset + pos);
                }
                pos += n;
            }
        }
    }

    /** Writes the 440 bytes of MBR boot code, keeping the partition table. */
    static void bootCode(Path mbrBin, Path disk) throws IOException {
        byte[] code = Files.readAllBytes(mbrBin);
        if (code.length < 440 || code.length > SECTOR) {
            throw new IOException("unexpected MBR boot code size " + code.length);
        }
        try (FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(code, 0, 440), 0);
        }
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
