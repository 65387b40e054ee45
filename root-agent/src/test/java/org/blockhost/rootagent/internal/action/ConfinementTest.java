package org.blockhost.rootagent.internal.action;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.blockhost.rootagent.internal.path.Confinement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path swapped after validation is detected before (and after) the command runs. */
class ConfinementTest {
    static final Pattern ANY = Pattern.compile("[a-z0-9.]+");

    @TempDir
    Path dir;

    @Test
    void existingFileSwappedForSymlinkIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path f = Files.writeString(root.resolve("a.qcow2"), "x");
        Path outside = Files.writeString(dir.resolve("target.qcow2"), "secret");
        ConfinedPath p = new Confinement(root).existingFile(f.toString(), ANY);
        p.recheck();
        Files.delete(f);
        Files.createSymbolicLink(f, outside);
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void existingFileReplacedByAnotherFileIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path f = Files.writeString(root.resolve("a.qcow2"), "x");
        ConfinedPath p = new Confinement(root).existingFile(f.toString(), ANY);
        Path other = Files.writeString(root.resolve("b.qcow2"), "y");
        Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void newFileThatAppearsAsSymlinkIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        ConfinedPath p = new Confinement(root).newFile(root.resolve("n.qcow2").toString(), ANY);
        p.recheck();
        Files.createSymbolicLink(root.resolve("n.qcow2"), dir.resolve("elsewhere"));
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void parentDirectorySwappedIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path sub = Files.createDirectories(root.resolve("sub"));
        ConfinedPath p = new Confinement(root).newFile(sub.resolve("n.qcow2").toString(), ANY);
        Files.delete(sub);
        Files.createSymbolicLink(sub, Files.createDirectories(dir.resolve("out")));
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void rootItselfIsNotAFile() {
        assertThrows(IllegalArgumentException.class, () -> new Confinement(dir).existingFile(dir.toString(), ANY));
    }
}
