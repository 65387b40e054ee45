package org.blockhost.app.internal.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** Users, groups, owners and modes of a tree the packages were installed into (test helper). */
record Layout(Path root, List<String> passwd, List<String> group) {

    static Layout read(Path root) throws IOException {
        return new Layout(root, Files.readAllLines(root.resolve("etc/passwd")),
                Files.readAllLines(root.resolve("etc/group")));
    }

    String passwdLine(String user) {
        return passwd.stream().filter(l -> l.startsWith(user + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no user " + user));
    }

    int uid(String user) {
        return Integer.parseInt(passwdLine(user).split(":")[2]);
    }

    int gid(String name) {
        return group.stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> Integer.parseInt(l.split(":")[2]))
                .orElseThrow(() -> new AssertionError("no group " + name));
    }

    void assertOwned(String relative, int uid, int gid, String mode) throws IOException {
        Path p = root.resolve(relative);
        assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), relative + " is a directory");
        assertEquals(uid, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), "uid of " + relative);
        assertEquals(gid, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), "gid of " + relative);
        assertEquals(mode, PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), "mode of " + relative);
    }

    /** The directory and each ancestor inside the tree: root-owned, not a symlink, not group/other-writable. */
    void assertRootsAlone(String relative) throws IOException {
        for (Path p = root.resolve(relative); !p.equals(root); p = p.getParent()) {
            assertFalse(Files.isSymbolicLink(p), p + " is a symlink");
            assertEquals(0, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), "owner of " + p);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            assertFalse(perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE),
                    p + " is writable by others: " + PosixFilePermissions.toString(perms));
        }
    }
}
