package org.blockhost.rootagent.internal.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.concurrent.locks.ReentrantLock;

import org.blockhost.rootagent.internal.actions.LibvirtGateway;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What action implementations use: configuration, the command runner, libvirt, shared locks. */
public final class AgentContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentContext.class);
    private final AgentConfig config;
    private final CommandRunner runner = new CommandRunner();
    private final LibvirtGateway libvirt;
    private final ReentrantLock firewallLock = new ReentrantLock();

    public AgentContext(AgentConfig config) {
        this.config = config;
        this.libvirt = new LibvirtGateway(config.libvirtUri());
        sweepTemps(config);
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
