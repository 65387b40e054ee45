package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.Map;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write of the provisioner, as a root agent action. Refusals are permanent (the request
 * itself is wrong); an unreachable agent or a failed action may succeed when retried.
 */
public final class AgentCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCalls.class);
    private final RootAgent agent;

    public AgentCalls(RootAgent agent) {
        this.agent = agent;
    }

    public Map<String, Object> call(String action, Map<String, Object> params) throws ProvisionerException {
        try {
            Map<String, Object> r = agent.call(action, params);
            LOG.debug("root agent {} ok", action);
            return r == null ? Map.of() : r;
        } catch (RootAgentException e) {
            boolean retryable = e.kind() != RootAgentException.Kind.REJECTED;
            LOG.warn("root agent {} {}: {}", action, e.kind(), e.getMessage());
            throw new ProvisionerException("root agent " + action + " " + e.kind().name().toLowerCase()
                    + ": " + e.getMessage(), retryable, e);
        }
    }

    public void vm(String action, String name) throws ProvisionerException {
        call(action, Map.of("name", name));
    }
}
