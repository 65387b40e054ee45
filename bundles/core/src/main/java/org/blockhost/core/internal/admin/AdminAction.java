package org.blockhost.core.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.engine.api.ChainEvent.AdminCommand;

/**
 * One kind of admin command (for example {@link KnockAction knock}). Configuration maps the
 * operator's own command names to these kinds, so a new kind is a new class plus one line in
 * {@link AdminCommandsComponent#KINDS}.
 */
interface AdminAction {
    /**
     * Carries the command out.
     *
     * @param params the command's {@code params} object (validated here: fail closed)
     * @return the result, for the store and the audit log (no secrets)
     */
    String run(AdminCommand command, JsonNode params) throws AdminActionException;
}
