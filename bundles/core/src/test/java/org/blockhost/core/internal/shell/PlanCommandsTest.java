package org.blockhost.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.engine.api.PlanManager;
import org.junit.jupiter.api.Test;

/** {@code blockhost plan}: parsing fails closed before the engine is asked; output of both kinds of outcome. */
class PlanCommandsTest {

    /** Test double of the engine's plan service: one plan, records every change it is asked for. */
    static final class RecordingPlans implements PlanManager {
        final List<Change> applied = new ArrayList<>();
        boolean hostOwns = true;

        @Override
        public List<Plan> plans() {
            return List.of(new Plan(1, "basic", 150, true));
        }

        @Override
        public Outcome apply(Change change) throws RefusedException {
            if (change.kind() != Kind.CREATE && change.planId() != 1) {
                throw new RefusedException("There is no plan " + change.planId() + "; see the plan list.");
            }
            applied.add(change);
            return hostOwns ? Outcome.sent("0xabc", change.kind() == Kind.CREATE ? 2 : change.planId(), "0xsubs", "0x01")
                    : Outcome.ownerMustSend("0xOwner", change.planId(), "0xsubs", "0x02");
        }
    }

    private final RecordingPlans engine = new RecordingPlans();
    private final PlanCommands commands = new PlanCommands();

    private String run(boolean json, String... args) {
        commands.bindPlans(engine);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        commands.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), json, args);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badInputGivesAClearErrorAndSendsNothing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "update", "1", "1.505"))
                .getMessage().contains("at most 2 decimals"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "create", "pro", "-1"))
                .getMessage().contains("plain number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "create", "pro", "0.00"))
                .getMessage().contains("from 0.01"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "create", "<b>", "1"))
                .getMessage().contains("plan name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "retire", "one"))
                .getMessage().contains("plan id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "retire"))
                .getMessage().startsWith("usage: plan"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(false, "delete", "1"))
                .getMessage().startsWith("usage: plan"));
        assertEquals(List.of(), engine.applied, "nothing reached the engine");
        assertEquals("There is no plan 9; see the plan list.",
                assertThrows(IllegalArgumentException.class, () -> run(false, "update", "9", "2")).getMessage());
    }

    @Test
    void changesGoThroughTheEngineAndSayWhatHappened() {
        assertEquals("plan 'pro' created as plan 2: transaction 0xabc\n", run(false, "create", "pro", "5"));
        assertEquals("plan 1 now costs 1.75 USD a day: transaction 0xabc\n", run(false, "update", "1", "1.75"));
        assertEquals(List.of(PlanManager.Change.create("pro", 500), PlanManager.Change.price(1, 175)), engine.applied);
        engine.hostOwns = false;
        String notSent = run(false, "retire", "1");
        assertTrue(notSent.startsWith("Not sent: the plans belong to the owner wallet 0xOwner") && notSent.contains("data  0x02"),
                notSent);
        assertTrue(run(true, "retire", "1").replaceAll("\\s", "").contains("\"sent\":false,\"transaction\":null"));
    }

    @Test
    void listsThePlans() {
        assertTrue(run(false).matches("(?s)ID +NAME +USD/DAY +STATE\n1 +basic +1\\.50 +on sale\n"), run(false));
        assertEquals("[{\"id\":1,\"name\":\"basic\",\"centsPerDay\":150,\"usdPerDay\":\"1.50\",\"active\":true}]",
                run(true, "list").replaceAll("\\s", ""));
        commands.unbindPlans(engine);
        PlanCommands none = new PlanCommands();
        assertTrue(assertThrows(IllegalStateException.class, () -> none.run(System.out, false))
                .getMessage().contains("No chain engine"));
    }
}
