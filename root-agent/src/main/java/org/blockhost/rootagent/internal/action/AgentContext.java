package org.blockhost.rootagent.internal.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import org.blockhost.rootagent.internal.actions.LibvirtGateway;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.blockhost.rootagent.internal.template.BuildTimeLimit;
import org.blockhost.rootagent.internal.template.TemplateUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What action implementations use: configuration, the command runner, libvirt, shared locks. */
public final class AgentContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentContext.class);
    private final AgentConfig config;
    private final CommandRunner runner = new CommandRunner();
    private final LibvirtGateway libvirt;
    private final ReentrantLock firewallLock = new ReentrantLock();
    private final String templateUnit;
    private final TemplateUnit.Starter templateStarter;
    private final Duration templateBuildLimit;

    /** template-build runs in this process (dev mode, tests, the template unit). */
    public AgentContext(AgentConfig config) {
        this(config, null, null, BuildTimeLimit.PACKAGED, true);
    }

    /**
     * The daemon: with {@code templateUnit}, template-build is handed to that one-shot unit, started by
     * {@code templateStarter} (H6); null builds in this process.
     */
    public AgentContext(AgentConfig config, String templateUnit, TemplateUnit.Starter templateStarter) {
        this(config, templateUnit, templateStarter, BuildTimeLimit.PACKAGED, true);
    }

    private AgentContext(AgentConfig config, String templateUnit, TemplateUnit.Starter starter, Duration buildLimit,
            boolean sweep) {
        this.config = config;
        this.libvirt = new LibvirtGateway(config.libvirtUri());
        this.templateUnit = templateUnit;
        this.templateStarter = starter != null ? starter : TemplateUnit.systemctl(runner);
        this.templateBuildLimit = buildLimit;
        if (sweep) {
            sweepTemps(config);
        }
    }

    /**
     * The template unit's context: builds here within {@code buildLimit} (the unit's, {@link BuildTimeLimit})
     * and leaves the running agent's partial files alone.
     */
    public static AgentContext templateRunner(AgentConfig config, Duration buildLimit) {
        return new AgentContext(config, null, null, buildLimit, false);
    }

    /** Partial files of commands cut short by a killed agent are never published: delete them. */
    private static void sweepTemps(AgentConfig config) {
        if (!Files.isDirectory(config.vmDir(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            int n = ConfinedPath.sweepTemps(config.vmDir(), config.rootOwnedDirs());
            if (n > 0) {
                LOG.info("deleted {} partial file(s) left in {}", n, config.vmDir());
            }
        } catch (IOException e) {
            LOG.warn("partial files in {} not swept: {}", config.vmDir(), e.getMessage());
        }
    }

    public AgentConfig config() {
        return config;
    }

    public CommandRunner runner() {
        return runner;
    }

    /** The one-shot unit template-build is delegated to, or null (built in this process). */
    public String templateUnit() {
        return templateUnit;
    }

    public TemplateUnit.Starter templateStarter() {
        return templateStarter;
    }

    /** How long a template build in this process may take as a whole (45 min but in the template unit). */
    public Duration templateBuildLimit() {
        return templateBuildLimit;
    }

    public LibvirtGateway libvirt() {
        return libvirt;
    }

    /** Serialises nftables changes (table creation is check-then-create). */
    public ReentrantLock firewallLock() {
        return firewallLock;
    }

    @Override
    public void close() {
        libvirt.close();
    }
}
