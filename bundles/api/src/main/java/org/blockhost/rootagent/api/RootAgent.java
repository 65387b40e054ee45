package org.blockhost.rootagent.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Performs a privileged action from the root agent's closed action table. In production the call
 * goes to the root agent daemon over its Unix socket; in dev mode the same action code runs in the
 * runtime against unprivileged targets.
 *
 * <p>Parameters are validated by the agent against the action's declaration (types, patterns,
 * ranges, path confinement); unknown actions and unknown or missing parameters are refused. Values
 * are strings, numbers or booleans. Never pass secrets other than in parameters declared secret
 * (they are not audit-logged). Threading: thread-safe.
 */
@ProviderType
public interface RootAgent {

    /**
     * Runs an action.
     *
     * @return the action's result fields (immutable)
     * @throws RootAgentException when the agent is unreachable, refuses the request, or the action fails
     */
    Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException;
}
