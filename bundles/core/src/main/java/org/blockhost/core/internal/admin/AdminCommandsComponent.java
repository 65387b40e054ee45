package org.blockhost.core.internal.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.blockhost.rootagent.api.RootAgent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out admin commands from the chain and manages the base ruleset ({@value #PID}). */
@Component(service = AdminCommandsComponent.class, configurationPid = AdminCommandsComponent.PID, immediate = true)
@Designate(ocd = AdminCommandsComponent.Config.class)
public final class AdminCommandsComponent {
    public static final String PID = "org.blockhost.core.admin";
    /** The kinds of admin command this build can carry out (a new kind: one entry here). */
    static final Map<String, String> KINDS = Map.of("knock", "open ports for one source address for a while");
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommandsComponent.class);

    @ObjectClassDefinition(name = "BlockHost admin commands",
            description = "Commands the admin sends on chain, and the base ruleset that closes the management ports")
    public @interface Config {
        @AttributeDefinition(name = "Commands", description = "name=kind entries: the (secret) command names the"
                + " admin uses on chain and what each does; kinds: knock. None configured: every command is refused."
                + " The default knock=knock is what `blockhost admin knock` sends without --name")
        String[] commands() default {"knock=knock"};

        @AttributeDefinition(name = "Knock ports", description = "Comma-separated ports a knock may open (1..65535)")
        String knockPorts() default "22";

        @AttributeDefinition(name = "Knock max duration (s)", description = "Longest opening a knock may ask for, 1..3600")
        int knockMaxTtlSeconds() default 3600;

        @AttributeDefinition(name = "Base ruleset", description = "Close the management ports to everyone but loopback,"
                + " established connections and knocks")
        boolean baseRuleset() default true;

        @AttributeDefinition(name = "Management ports", description = "Comma-separated TCP ports the base ruleset closes"
                + " (SSH; add the admin console's port to close it too)")
        String managementPorts() default "22";

        @AttributeDefinition(name = "Tick (s)", description = "Seconds between expiry checks of knocks")
        long tickSeconds() default 5;
    }

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> thread(r, "blockhost-admin-command"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "blockhost-admin-tick"));
    private final AdminCommands commands;

    private volatile RootAgent agent;

    @Activate
    public AdminCommandsComponent(@Reference CoreStore store, Config config) {
        this.commands = new AdminCommands(store.db(), Clock.systemUTC(), () -> agent, runner, settings(config));
        long tick = Math.max(1, config.tickSeconds());
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Config config) {
        commands.configure(settings(config));
    }

    /**
     * An invalid configuration must not stop the chain inbox (which needs this component): it is
     * logged, every command is refused and the firewall is left as it is until it is fixed.
     */
    static AdminSettings settings(Config config) {
        try {
            return AdminSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("invalid {} configuration, admin commands refused and the firewall left as it is: {}", PID,
                    e.getMessage());
            return AdminSettings.invalid();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAgent(RootAgent a) {
        agent = a;
        commands.agentChanged();
    }

    void unbindAgent(RootAgent a) {
        if (agent == a) {
            agent = null;
        }
        commands.agentChanged();
    }

    /** The settings in force now. */
    AdminSettings current() {
        return commands.settings();
    }

    /** New admin commands the inbox stored (called after the commit). */
    public void accept(List<AdminCommand> fresh) {
        commands.accept(fresh);
    }

    private void tick() {
        try {
            commands.tick();
        } catch (RuntimeException e) {
            LOG.error("admin tick failed: {}", e.getMessage(), e);
        }
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
        runner.shutdown();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
