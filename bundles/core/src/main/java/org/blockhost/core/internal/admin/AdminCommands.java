package org.blockhost.core.internal.admin;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.blockhost.core.internal.store.Database;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin commands without OSGi: runs new commands (one at a time, off the engine's thread), closes
 * expired knocks and keeps the base ruleset applied.
 */
final class AdminCommands {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommands.class);

    private final AdminCommandRunner runner;
    private final KnockCloser closer;
    private final Supplier<RootAgent> agent;
    private final ExecutorService executor;
    private final Map<String, AdminAction> kinds;
    private volatile AdminSettings settings;
    private volatile Map<String, AdminAction> actions;
    private volatile boolean baseApplied;

    AdminCommands(Database db, Clock clock, Supplier<RootAgent> agent, ExecutorService executor, AdminSettings settings) {
        this.runner = new AdminCommandRunner(db, clock);
        this.closer = new KnockCloser(db, clock, agent);
        this.agent = agent;
        this.executor = executor;
        this.kinds = Map.of("knock", new KnockAction(db, clock, agent, () -> this.settings.knock()));
        configure(settings);
        int abandoned = runner.abandonUnfinished();
        if (abandoned > 0) {
            LOG.warn("{} admin command(s) left unfinished by the last run recorded as interrupted (not run again)", abandoned);
        }
    }

    void configure(AdminSettings s) {
        Map<String, AdminAction> byName = new HashMap<>();
        s.commands().forEach((name, kind) -> byName.put(name, kinds.get(kind)));
        this.settings = s;
        this.actions = Map.copyOf(byName);
        this.baseApplied = false;
    }

    /** The settings in force (after an invalid configuration: {@link AdminSettings#invalid()}). */
    AdminSettings settings() {
        return settings;
    }

    /** New commands from the inbox: queued, run in order, each exactly once. */
    void accept(List<AdminCommand> commands) {
        for (AdminCommand c : commands) {
            executor.execute(() -> runner.run(c, actions));
        }
    }

    /** Periodic: (re)apply the base ruleset until it is applied, close expired knocks. */
    void tick() {
        applyBaseRuleset();
        closer.tick();
    }

    private void applyBaseRuleset() {
        RootAgent a = agent.get();
        if (baseApplied || a == null) {
            return;
        }
        AdminSettings s = settings;
        if (!s.manageFirewall()) {
            return;
        }
        try {
            if (s.baseRuleset()) {
                List<String> ports = s.managementPorts().stream().sorted().map(String::valueOf).toList();
                a.call("firewall-base", Map.of("ports", ports));
                LOG.info("base ruleset applied: management ports {} closed except for knocks", ports);
            } else {
                a.call("firewall-base-clear", Map.of());
            }
            baseApplied = true;
        } catch (RootAgentException e) {
            LOG.warn("base ruleset not applied yet ({}: {}); retried", e.kind(), e.getMessage());
        }
    }

    /** The root agent came or went: apply the base ruleset again at the next tick. */
    void agentChanged() {
        baseApplied = false;
    }
}
