package org.blockhost.rootagent.internal.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a peer (uid, gid from SO_PEERCRED) may call: root, a process whose gid is the
 * configured group, or a user that is a member of that group (its primary group in /etc/passwd or
 * listed in /etc/group). The databases are read on every connection, so changes apply at once.
 */
public final class PeerAuth {
    private final String group;
    private final Path groupFile;
    private final Path passwdFile;

    public PeerAuth(String group) {
        this(group, Path.of("/etc/group"), Path.of("/etc/passwd"));
    }

    PeerAuth(String group, Path groupFile, Path passwdFile) {
        this.group = group;
        this.groupFile = groupFile;
        this.passwdFile = passwdFile;
    }

    /** The group's gid, or -1 if it does not exist. */
    public long groupId() {
        String[] g = groupEntry();
        return g == null ? -1 : Long.parseLong(g[2]);
    }

    public boolean allowed(long uid, long gid) {
        if (uid == 0) {
            return true;
        }
        String[] g = groupEntry();
        if (g == null) {
            return false;
        }
        long groupGid = Long.parseLong(g[2]);
        if (gid == groupGid) {
            return true;
        }
        String[] user = entry(passwdFile, 2, Long.toString(uid));
        if (user == null) {
            return false;
        }
        if (user[3].equals(g[2])) {
            return true;
        }
        return g.length > 3 && List.of(g[3].split(",")).contains(user[0]);
    }

    private String[] groupEntry() {
        return entry(groupFile, 0, group);
    }

    private static String[] entry(Path file, int field, String value) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length > 3 && f[field].equals(value)) {
                    return f;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
