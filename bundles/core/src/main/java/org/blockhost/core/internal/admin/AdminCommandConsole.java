package org.blockhost.core.internal.admin;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.console.api.AdminCommandControl;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.engine.api.AdminCommandChannel;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.installer.api.SetupService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AdminCommandControl} for the admin console: settings checked by {@link AdminAnswers} (the
 * wizard's checks), written into {@value AdminCommandsComponent#PID} like {@link AdminCommandsStep}
 * and saved as the setup answers too (so a later setup run keeps them); knocks checked by
 * {@link ConsoleKnock} and encrypted by the active engine's {@link AdminCommandChannel}; records
 * from {@code admin_nonces}.
 */
@Component(service = AdminCommandControl.class)
public final class AdminCommandConsole implements AdminCommandControl {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommandConsole.class);
    private final ConfigurationAdmin cm;
    private final AdminCommandsComponent commands;
    private final AdminCommandRecords records;
    private volatile SetupService setup;
    private volatile AdminCommandChannel channel;

    @Activate
    public AdminCommandConsole(@Reference ConfigurationAdmin cm, @Reference AdminCommandsComponent commands,
            @Reference CoreStore store) {
        this.cm = cm;
        this.commands = commands;
        this.records = new AdminCommandRecords(store.db());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSetup(SetupService s) {
        setup = s;
    }

    void unbindSetup(SetupService s) {
        if (setup == s) {
            setup = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindChannel(AdminCommandChannel c) {
        channel = c;
    }

    void unbindChannel(AdminCommandChannel c) {
        if (channel == c) {
            channel = null;
        }
    }

    @Override
    public Settings settings() {
        AdminSettings s = commands.current();
        return new Settings(ConsoleKnock.commandName(s).isPresent(), s.knock().ports().stream().sorted().toList(),
                s.knock().maxTtlSeconds());
    }

    @Override
    public Map<String, String> update(String enabled, String ports, String maxTtl) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(AdminAnswers.ENABLED, enabled == null ? "" : enabled.strip());
        answers.put(AdminAnswers.PORTS, ports == null ? "" : ports.strip());
        answers.put(AdminAnswers.MAX_TTL, maxTtl == null ? "" : maxTtl.strip());
        Map<String, String> problems = new LinkedHashMap<>();
        field(problems, ENABLED, AdminAnswers.problem(AdminAnswers.ENABLED, answers.get(AdminAnswers.ENABLED)));
        field(problems, PORTS, AdminAnswers.problem(AdminAnswers.PORTS, answers.get(AdminAnswers.PORTS)));
        field(problems, MAX_TTL, AdminAnswers.problem(AdminAnswers.MAX_TTL, answers.get(AdminAnswers.MAX_TTL)));
        if (!problems.isEmpty()) {
            return problems;
        }
        write(answers);
        SetupService s = setup;
        if (s != null) {
            try {
                s.save(answers);
            } catch (RuntimeException e) {
                LOG.warn("admin-command settings applied but not saved as setup answers: {}", e.getMessage());
            }
        }
        LOG.info("admin-command settings changed from the console: commands {}, knock ports {}, longest {} s",
                answers.get(AdminAnswers.ENABLED), answers.get(AdminAnswers.PORTS), answers.get(AdminAnswers.MAX_TTL));
        return Map.of();
    }

    private static void field(Map<String, String> problems, String field, Optional<String> problem) {
        problem.ifPresent(p -> problems.put(field, p));
    }

    /** As the finalization step writes them; an operator's own (secret) knock names are kept when on. */
    private void write(Map<String, String> answers) {
        try {
            Configuration c = cm.getConfiguration(AdminCommandsComponent.PID, "?");
            Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            Hashtable<String, Object> want = AdminAnswers.properties(answers);
            if ("on".equals(answers.get(AdminAnswers.ENABLED)) && ConsoleKnock.commandName(commands.current()).isPresent()
                    && d.get("commands") != null) {
                want.remove("commands");
            }
            want.forEach(d::put);
            c.updateIfDifferent(d);
        } catch (IOException e) {
            LOG.error("admin-command settings: cannot write {}: {}", AdminCommandsComponent.PID, e.toString());
            throw new IllegalStateException("The settings could not be saved; nothing changed.");
        }
    }

    @Override
    public Prepared prepareKnock(Knock knock) throws ChainUnavailableException {
        AdminSettings s = commands.current();
        String name = ConsoleKnock.commandName(s)
                .orElseThrow(() -> new IllegalStateException("Admin commands are off: turn them on first."));
        String params = ConsoleKnock.params(knock, s.knock());
        AdminCommandChannel c = channel;
        if (c == null) {
            throw new ChainUnavailableException("no active engine can send admin commands");
        }
        long nonce = System.currentTimeMillis();
        long expires = nonce / 1000 + ConsoleKnock.VALID_SECONDS;
        AdminCommandChannel.Transaction tx = c.prepare(name, params, nonce, expires);
        return new Prepared(nonce, expires, tx.to(), tx.data());
    }

    @Override
    public List<CommandRecord> records(int limit) {
        return records.latest(Math.max(1, Math.min(200, limit)));
    }
}
