package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.blockhost.platform.api.AuditTrail;
import org.junit.jupiter.api.Test;

class CommandGateTest {
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private final List<String> rows = new ArrayList<>();
    private final AuditTrail trail = (actor, subject, action, detail) -> rows.add(actor + "|" + subject + "|" + action
            + "|" + detail);
    private final RoleTable roles = new RoleTable(List.of("ops", "treasury"), List.of("ops"), List.of("treasury"),
            List.of(), 999);
    private final Peer ops = new Peer(1001, 1001, "alice", Set.of("ops"));

    @Test
    void readCallsPassUnrecordedAndStateChangingCallsAreRecordedFirst() {
        CommandGate gate = new CommandGate(() -> roles, () -> trail);
        assertNull(gate.refusal(ops, "vm", List.of("list"), "read"));
        assertTrue(rows.isEmpty());
        assertNull(gate.refusal(ops, "vm", List.of("hold", "blockhost-001"), "operate"));
        assertEquals(List.of("uid=1001(alice)|vm|cli.run|vm hold blockhost-001"), rows);
    }

    @Test
    void refusedCallsNameRoleAndGroupAndAreRecorded() {
        CommandGate gate = new CommandGate(() -> roles, () -> trail);
        String refusal = gate.refusal(ops, "wallet", List.of("withdraw", "0xabc"), "treasury");
        assertEquals("not permitted: wallet needs role treasury (group treasury)", refusal);
        assertEquals(List.of("uid=1001(alice)|wallet|cli.refused|wallet withdraw 0xabc [needs treasury]"), rows);
        assertEquals("not permitted: x needs role admin (group root or the runtime's user only)",
                gate.refusal(ops, "x", List.of(), "admin"));
    }

    @Test
    void withoutAnAuditTrailStateChangingCallsAreRefused() {
        CommandGate gate = new CommandGate(() -> roles, () -> null);
        assertNull(gate.refusal(ops, "vm", List.of(), "read"));
        assertTrue(gate.refusal(ops, "vm", List.of("hold", "x"), "operate").contains("audit trail is unavailable"));
        AuditTrail broken = (a, s, ac, d) -> {
            throw new IllegalStateException("disk full");
        };
        assertTrue(new CommandGate(() -> roles, () -> broken).refusal(new Peer(999, 999, "blockhost", Set.of()), "vm",
                List.of("hold", "x"), "operate").contains("audit trail is unavailable"));
    }

    @Test
    void secretLookingArgumentsAreRedacted() {
        String detail = CommandGate.detail("setup", List.of("--answers-content", "/tmp/a", "evm.key = x\nother = y",
                KEY, "0x" + KEY, "a b", "", "x".repeat(300), "0x52908400098527886E0F7030069857D2E4169EE7"));
        assertFalse(detail.contains(KEY), detail);
        assertFalse(detail.contains("evm.key"), detail);
        assertEquals("setup --answers-content /tmp/a <redacted 21 chars> <redacted 64 chars> <redacted 66 chars>"
                + " 'a b' '' <redacted 300 chars> 0x52908400098527886E0F7030069857D2E4169EE7", detail);
    }
}
