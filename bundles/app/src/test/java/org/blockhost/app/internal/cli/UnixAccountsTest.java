package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixAccountsTest {
    @TempDir
    Path dir;

    @Test
    void groupsComeFromTheKernelGidThePrimaryGroupAndMembership() throws Exception {
        Path passwd = Files.write(dir.resolve("passwd"), List.of("root:x:0:0:root:/root:/bin/bash",
                "alice:x:1001:1001::/home/alice:/bin/bash", "bob:x:1002:1002::/home/bob:/bin/bash"));
        Path group = Files.write(dir.resolve("group"), List.of("root:x:0:", "alice:x:1001:", "bob:x:1002:",
                "blockhost-ops:x:2001:carol,alice", "blockhost-treasury:x:2002:alicex", "staff:x:50:", "broken"));
        UnixAccounts accounts = new UnixAccounts(passwd, group);

        Peer alice = accounts.peer(1001, 1001);
        assertEquals("alice", alice.user());
        assertEquals(Set.of("alice", "blockhost-ops"), alice.groups());
        assertEquals("uid=1001(alice)", alice.actor());

        assertEquals(Set.of("bob", "staff"), accounts.peer(1002, 50).groups(), "a process gid counts too");
        Peer unknown = accounts.peer(4242, 2002);
        assertNull(unknown.user());
        assertEquals(Set.of("blockhost-treasury"), unknown.groups());
        assertEquals("uid=4242", unknown.actor());
    }

    @Test
    void unreadableDatabasesGiveNoGroups() {
        UnixAccounts accounts = new UnixAccounts(dir.resolve("none"), dir.resolve("none2"));
        assertEquals(Set.of(), accounts.peer(1001, 1001).groups());
    }
}
