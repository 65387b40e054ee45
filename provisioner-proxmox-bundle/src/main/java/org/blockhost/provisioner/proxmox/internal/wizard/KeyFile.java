package org.blockhost.provisioner.proxmox.internal.wizard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.blockhost.provisioner.proxmox.internal.pve.ApiToken;

/**
 * Writes the API token's secret to its key file: mode 0640 from creation (a temporary file in the
 * same directory, synced, renamed over the old one). The secret goes nowhere else.
 */
final class KeyFile {
    private KeyFile() {
    }

    static void write(Path file, String secret) throws IOException {
        if (!ApiToken.validSecret(secret)) {
            throw new IllegalArgumentException("not a token secret");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        }
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")))) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r-----"));
            ch.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("key file being written by someone else", e);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
