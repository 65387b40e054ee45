package org.blockhost.core.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.blockhost.core.internal.inbox.EventInbox;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Admin commands from the inbox to the root agent: exactly once, recorded, knocks closed after expiry. */
class AdminCommandsTest {
    static final String ADMIN = "0xAd00000000000000000000000000000000000001";

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    Agent agent;
    ExecutorService executor;
    AdminCommands admin;
    EventInbox inbox;

    /** A root agent double recording its calls (the code under test is its caller). */
    static final class Agent implements RootAgent {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile RootAgentException failWith;

        @Override
        public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
            if (failWith != null) {
                throw failWith;
            }
            calls.add(action + " " + new java.util.TreeMap<>(params));
            return Map.of();
        }
    }

    static AdminSettings settings() {
        return new AdminSettings(Map.of("open-sesame", "knock"), new KnockSettings(Set.of(22, 2222), 600), true, Set.of(22));
    }

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("blockhost.db"));
        clock = new MutableClock(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        agent = new Agent();
        start();
    }

    void start() {
        executor = Executors.newSingleThreadExecutor();
        admin = new AdminCommands(db, clock, () -> agent, executor, settings());
        inbox = new EventInbox(db, clock, () -> { }, admin::accept);
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        db.close();
    }

    void drain() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    void deliver(long nonce, String payload, long block) throws Exception {
        inbox.commit("evm.admin", List.of(new ChainEvent.AdminCommand(ADMIN, payload, nonce, Harness.origin(block, 0))),
                new ChainCursor(block, "b" + block));
        drain();
    }

    static String knock(String params) {
        return "{\"command\":\"open-sesame\",\"params\":" + params + "}";
    }

    String status(long nonce) {
        return db.read(c -> Sql.one(c, "SELECT status || ': ' || result FROM admin_nonces WHERE nonce = ?",
                r -> r.getString(1), nonce).orElseThrow());
    }

    long count(String sql) {
        return db.read(c -> Sql.count(c, sql));
    }

    @Test
    void aKnockOpensOnceForItsSourceAndIsRecordedAndAudited() throws Exception {
        deliver(1, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}"), 10);
        assertEquals(List.of("firewall-open {port=22, proto=tcp, source=203.0.113.5, ttl=300}"), agent.calls);
        assertTrue(status(1).startsWith("done: open-sesame: opened tcp [22] for 203.0.113.5 for 300 s"), status(1));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'done'"));
        assertEquals(1, count("SELECT COUNT(*) FROM knocks WHERE closed_at IS NULL"));
        // the same command again (a replayed batch, or re-sent with the same nonce): nothing runs
        deliver(1, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}"), 10);
        deliver(1, knock("{\"ports\":[2222],\"source\":\"198.51.100.1\",\"ttl\":300}"), 12);
        assertEquals(1, agent.calls.size(), agent.calls.toString());
        assertEquals(1, count("SELECT COUNT(*) FROM knocks"));
    }

    @Test
    void anExpiredKnockIsClosedAlsoAfterARestart() throws Exception {
        deliver(1, knock("{\"ports\":[22,2222],\"source\":\"2001:db8::7\",\"ttl\":60}"), 10);
        admin.tick();
        assertEquals(0, count("SELECT COUNT(*) FROM knocks WHERE closed_at IS NOT NULL"), "not before the expiry");
        executor.shutdownNow();
        clock.advance(Duration.ofSeconds(61));
        agent.calls.clear();
        start();
        admin.tick();
        assertTrue(agent.calls.contains("firewall-close {port=22, proto=tcp, source=2001:db8::7}"), agent.calls.toString());
        assertTrue(agent.calls.contains("firewall-close {port=2222, proto=tcp, source=2001:db8::7}"), agent.calls.toString());
        assertEquals(2, count("SELECT COUNT(*) FROM knocks WHERE closed_at IS NOT NULL"));
        agent.calls.clear();
        admin.tick();
        assertEquals(List.of(), agent.calls, "closed once");
    }

    @Test
    void aCloseThatFailsIsRetried() throws Exception {
        deliver(1, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":1}"), 10);
        clock.advance(Duration.ofSeconds(2));
        agent.failWith = new RootAgentException(RootAgentException.Kind.UNAVAILABLE, "down");
        admin.tick();
        assertEquals(1, count("SELECT COUNT(*) FROM knocks WHERE closed_at IS NULL"));
        agent.failWith = null;
        admin.tick();
        assertEquals(0, count("SELECT COUNT(*) FROM knocks WHERE closed_at IS NULL"));
    }

    @Test
    void aCommandLeftStartedByACrashIsNeverRunAgain() throws Exception {
        // the state a crash leaves between "started" and "recorded" (and between commit and start)
        inbox = new EventInbox(db, clock, () -> { });
        inbox.commit("evm.admin", List.of(new ChainEvent.AdminCommand(ADMIN, knock("{}"), 1, Harness.origin(10, 0)),
                new ChainEvent.AdminCommand(ADMIN, knock("{}"), 2, Harness.origin(10, 1))), new ChainCursor(10, "b10"));
        db.write(c -> Sql.update(c, "UPDATE admin_nonces SET status = 'started' WHERE nonce = 1"));
        executor.shutdownNow();
        start();
        assertTrue(status(1).startsWith("interrupted: the runtime stopped while it ran"), status(1));
        assertTrue(status(2).startsWith("interrupted: the runtime stopped before it ran"), status(2));
        deliver(1, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}"), 11);
        assertEquals(List.of(), agent.calls);
        assertEquals(2, count("SELECT COUNT(*) FROM audit_log WHERE action = 'interrupted'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"command\":\"knock\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[23],\"source\":\"203.0.113.5\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"0.0.0.0/0\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"::/0\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"10.0.0.0/8\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"example.org\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":601}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":0}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":\"300\"}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[],\"source\":\"203.0.113.5\",\"ttl\":300}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300,\"x\":1}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300,\"proto\":\"icmp\"}}",
        "{\"command\":\"open-sesame\",\"params\":{\"ports\":[22],\"ttl\":300}}",
    })
    void refusedCommandsDoNothingButAreRecorded(String payload) throws Exception {
        deliver(5, payload, 10);
        assertEquals(List.of(), agent.calls.stream().filter(c -> c.startsWith("firewall-open")).toList());
        assertTrue(status(5).startsWith("refused: "), status(5));
        assertEquals(0, count("SELECT COUNT(*) FROM knocks"));
    }

    @Test
    void withoutTheRootAgentTheKnockFailsAndIsRecorded() throws Exception {
        agent.failWith = new RootAgentException(RootAgentException.Kind.UNAVAILABLE, "down");
        deliver(1, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}"), 10);
        assertEquals("failed: open-sesame: firewall-open tcp/22: UNAVAILABLE", status(1));
    }

    @Test
    void theBaseRulesetIsAppliedOnceAndAgainWhenTheAgentChanges() {
        admin.tick();
        admin.tick();
        assertEquals(List.of("firewall-base {ports=[22]}"), agent.calls);
        admin.agentChanged();
        admin.configure(new AdminSettings(Map.of(), new KnockSettings(Set.of(22), 60), false, Set.of()));
        admin.tick();
        assertEquals("firewall-base-clear {}", agent.calls.get(1));
    }

    @Test
    void anInvalidConfigurationRefusesCommandsAndLeavesTheFirewallAlone() throws Exception {
        admin.configure(AdminSettings.invalid());
        admin.tick();
        deliver(3, knock("{\"ports\":[22],\"source\":\"203.0.113.5\",\"ttl\":300}"), 10);
        assertEquals(List.of(), agent.calls);
        assertEquals("refused: open-sesame: unknown command", status(3));
    }

    @Test
    void configurationFailsClosed() {
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.commands(new String[] {"Open=knock"}, Set.of("knock")));
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.commands(new String[] {"open=reboot"}, Set.of("knock")));
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.commands(new String[] {"a=knock", "a=knock"},
                Set.of("knock")));
        assertThrows(IllegalArgumentException.class, () -> KnockSettings.parsePorts("22,0"));
        assertThrows(IllegalArgumentException.class, () -> KnockSettings.parsePorts("22,,443"));
        assertThrows(IllegalArgumentException.class, () -> KnockSettings.parsePorts("65536"));
        assertThrows(IllegalArgumentException.class, () -> new KnockSettings(Set.of(22), 3601));
        assertThrows(IllegalArgumentException.class, () -> new AdminSettings(Map.of(), new KnockSettings(Set.of(22), 60), true,
                Set.of()));
        assertEquals(Set.of(22, 443), KnockSettings.parsePorts(" 22, 443"));
    }
}
