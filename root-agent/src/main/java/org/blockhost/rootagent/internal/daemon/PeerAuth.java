package org.blockhost.rootagent.internal.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether a peer (uid from SO_PEERCRED) may call: root, or the one configured user (the
 * runtime's). Group membership grants nothing: an operator in the {@code blockhost} group (which
 * may reach the socket file) is refused. /etc/passwd is read on every connection, so a changed
 * uid applies at once.
 */
public final class PeerAuth {
    private final String user;
    private final Path passwdFile;

    public PeerAuth(String user) {
        this(user, Path.of("/etc/passwd"));
    }

    PeerAuth(String user, Path passwdFile) {
        this.user = user;
        this.passwdFile = passwdFile;
    }

    /** The configured user's uid, or -1 if it does not exist. */
    public long userId() {
        try {
            for (String line : Files.readAllLines(passwdFile)) {
                String[] f = line.split(":", -1);
                if (f.length > 3 && f[0].equals(user)) {
                    return Long.parseLong(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public boolean allowed(long uid) {
        return uid == 0 || (uid > 0 && uid == userId());
    }
}
