package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Small state files the agent keeps: read only when regular and bounded, replaced atomically. */
public final class SmallFiles {
    public static final long MAX_BYTES = 65536;

    private SmallFiles() {
    }

    /** The UTF-8 content of {@code p}, which must be a regular file (not a symlink) of at most 64 KiB. */
    public static String read(Path p) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > MAX_BYTES) {
            throw new IOException(p.getFileName() + " is not a regular file of at most 64 KiB");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Writes {@code dir/.file.tmp} (new file, not following links), fsyncs it and renames it to {@code dir/file}. */
    public static void replace(Path dir, String file, String content) throws IOException {
        Path tmp = dir.resolve("." + file + ".tmp");
        Files.deleteIfExists(tmp);
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC, LinkOption.NOFOLLOW_LINKS);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates {@code name} in the open directory (a new file, mode 0600, not following links),
     * writes {@code content} and fsyncs it; the caller links or renames it into place.
     */
    public static void writeNew(SecureDirectoryStream<Path> ds, Path name, byte[] content) throws IOException {
        try (SeekableByteChannel ch = ds.newByteChannel(name, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.write(ByteBuffer.wrap(content));
            if (ch instanceof FileChannel fc) {
                fc.force(true);
            }
        }
    }
}
