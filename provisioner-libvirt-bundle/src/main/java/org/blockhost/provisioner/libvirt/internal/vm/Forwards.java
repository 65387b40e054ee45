package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.Map;
import java.util.Optional;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port-forward mode ({@code portForward}): the host's public port, allocated by core and given in
 * {@code VmSpec.network().publicPort()}, is forwarded to the VM's private pool address, port 22,
 * through the root agent's {@code port-forward-add}; {@code port-forward-del} removes it with the VM.
 */
public final class Forwards {
    private static final Logger LOG = LoggerFactory.getLogger(Forwards.class);
    static final int GUEST_SSH = 22;
    private final Settings s;
    private final AgentCalls agent;

    public Forwards(Settings s, AgentCalls agent) {
        this.s = s;
        this.agent = agent;
    }

    /** Whether VMs are reached through a forwarded public port (a loopback forward, dev and tests, wins). */
    public boolean active() {
        return s.portForward() && s.loopbackSshPortBase() == 0;
    }

    /** Forwards {@code publicPort} to {@code address}:22 (idempotent; the agent refuses a port another VM holds). */
    public void add(String name, int publicPort, String address) throws ProvisionerException {
        if (address.isEmpty()) {
            throw new ProvisionerException("port-forward mode: " + name + " has no pool address", false);
        }
        agent.call("port-forward-add", Map.of("public_port", publicPort, "address", address, "port", GUEST_SSH));
    }

    /** Best effort, like the IPv6 route: a forward that is already gone must not make destroy fail. */
    public void remove(String name, Optional<String> address) {
        if (!active() || address.isEmpty() || address.get().isEmpty()) {
            return;
        }
        try {
            agent.call("port-forward-del", Map.of("address", address.get()));
        } catch (ProvisionerException e) {
            LOG.warn("port forward of {} not removed: {}", name, e.getMessage());
        }
    }
}
