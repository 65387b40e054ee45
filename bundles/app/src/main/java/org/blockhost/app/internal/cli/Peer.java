package org.blockhost.app.internal.cli;

import java.util.Set;

/**
 * The process on the other end of a CLI connection: uid and gid from {@code SO_PEERCRED}, the
 * uid's name and the names of its groups (its gid, its primary group and its supplementary groups
 * in the group database).
 */
record Peer(long uid, long gid, String user, Set<String> groups) {

    Peer {
        groups = Set.copyOf(groups);
    }

    /** How the peer appears in the audit trail: {@code uid=1001(alice)}. */
    String actor() {
        return "uid=" + uid + (user == null ? "" : "(" + user + ")");
    }
}
