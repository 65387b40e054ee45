package org.blockhost.app.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the user and group databases ({@code /etc/passwd}, {@code /etc/group}) on every lookup,
 * so a change of group membership applies to the next connection. An unreadable database yields
 * no groups (fail closed).
 */
final class UnixAccounts {
    private final Path passwd;
    private final Path group;

    UnixAccounts() {
        this(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    UnixAccounts(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    /** The peer with uid and gid from the kernel, its name and all its group names. */
    Peer peer(long uid, long gid) {
        String[] user = find(lines(passwd), 2, Long.toString(uid));
        String name = user == null ? null : user[0];
        Set<String> gids = new HashSet<>();
        gids.add(Long.toString(gid));
        if (user != null) {
            gids.add(user[3]);
        }
        Set<String> names = new HashSet<>();
        for (String line : lines(group)) {
            String[] g = line.split(":", -1);
            if (g.length < 4) {
                continue;
            }
            boolean member = name != null && List.of(g[3].split(",")).contains(name);
            if (member || gids.contains(g[2])) {
                names.add(g[0]);
            }
        }
        return new Peer(uid, gid, name, names);
    }

    private static String[] find(List<String> lines, int field, String value) {
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length > 3 && f[field].equals(value)) {
                return f;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
