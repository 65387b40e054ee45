package org.blockhost.rootagent.internal.osgi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.AuditLog;
import org.blockhost.rootagent.internal.action.Caller;
import org.blockhost.rootagent.internal.action.Dispatcher;
import org.blockhost.rootagent.internal.protocol.Wire;

/**
 * Dev mode: the daemon's dispatcher (same action table, validation, rendering) running inside the
 * calling process against an unprivileged libvirt URI and the dev directory tree.
 */
public final class InProcessAgent implements RootAgent, AutoCloseable {
    private final AgentContext ctx;
    private final AuditLog audit;
    private final Dispatcher dispatcher;
    private final TestDriverDomains testDomains;

    /**
     * On libvirt's test driver ({@code test:} URIs) the domains recorded under
     * {@code <vmDir>/.testdriver/} are defined again and restored to their state before this
     * returns, i.e. before any action is served.
     */
    public InProcessAgent(AgentConfig config) {
        this.ctx = new AgentContext(config);
        this.audit = new AuditLog(config.stateDir());
        this.dispatcher = new Dispatcher(ctx, audit);
        this.testDomains = config.libvirtUri().startsWith("test:")
                ? new TestDriverDomains(config.vmDir().resolve(".testdriver"), ctx.libvirt()) : null;
        if (testDomains != null) {
            testDomains.restore();
        }
    }

    @Override
    public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
        if (action == null) {
            throw new RootAgentException(RootAgentException.Kind.REJECTED, "action is null");
        }
        JsonNode p;
        try {
            p = Wire.JSON.valueToTree(params == null ? Map.of() : params);
        } catch (IllegalArgumentException e) {
            throw new RootAgentException(RootAgentException.Kind.REJECTED, "parameters cannot be encoded");
        }
        try {
            Map<String, Object> r = dispatcher.call(action, p, Caller.self());
            if (testDomains != null && TestDriverDomains.ACTIONS.contains(action)) {
                testDomains.record(p.path("name").asText(null));
            }
            return Collections.unmodifiableMap(new LinkedHashMap<>(r));
        } catch (ActionException e) {
            throw new RootAgentException(RootAgentException.Kind.valueOf(e.kind().name()), e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        ctx.close();
        audit.close();
    }
}
