package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleTableTest {

    @Test
    void rootAndTheRuntimesUserHoldEveryRoleOthersTheirGroupsRoles() {
        Set<String> all = Set.of("read", "operate", "treasury", "admin");
        for (long runtimeUid : List.of(0L, 1000L)) {
            RoleTable table = new RoleTable(List.of("blockhost", "ops"), List.of("ops"), List.of("money"), List.of(),
                    runtimeUid);
            assertEquals(all, table.roles(new Peer(0, 0, "root", Set.of())));
            assertEquals(all, table.roles(new Peer(runtimeUid, 5, null, Set.of())));
            assertEquals(Set.of("read", "operate"), table.roles(new Peer(1001, 1001, "alice", Set.of("ops", "other"))));
            assertEquals(Set.of("treasury"), table.roles(new Peer(1002, 1002, "bob", Set.of("money"))));
            assertEquals(Set.of(), table.roles(new Peer(1003, 1003, "eve", Set.of("blockhost-ops"))));
            assertEquals("root or the runtime's user only", table.groupsFor("admin"));
            assertEquals("blockhost or ops", table.groupsFor("read"));
        }
    }
}
