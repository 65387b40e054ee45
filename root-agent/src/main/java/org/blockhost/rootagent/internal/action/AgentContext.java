package org.blockhost.rootagent.internal.action;

import java.util.concurrent.locks.ReentrantLock;

import org.blockhost.rootagent.internal.actions.LibvirtGateway;
import org.blockhost.rootagent.internal.exec.CommandRunner;

/** What action implementations use: configuration, the command runner, libvirt, shared locks. */
public final class AgentContext implements AutoCloseable {
    private final AgentConfig config;
    private final CommandRunner runner = new CommandRunner();
    private final LibvirtGateway libvirt;
    private final ReentrantLock firewallLock = new ReentrantLock();

    public AgentContext(AgentConfig config) {
        this.config = config;
        this.libvirt = new LibvirtGateway(config.libvirtUri());
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
