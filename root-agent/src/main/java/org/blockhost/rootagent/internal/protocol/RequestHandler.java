package org.blockhost.rootagent.internal.protocol;

import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.Caller;
import org.blockhost.rootagent.internal.action.Dispatcher;

/** One frame in, one frame out: parse, dispatch, encode. Never throws. */
public final class RequestHandler {
    private final Dispatcher dispatcher;

    public RequestHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public org.blockhost.rootagent.internal.action.AuditLog audit() {
        return dispatcher.audit();
    }

    public byte[] handle(byte[] payload, Caller caller) {
        Wire.Request req;
        try {
            req = Wire.parseRequest(payload);
        } catch (ActionException e) {
            dispatcher.audit().record("<invalid>", caller, Map.of(), "rejected: " + e.getMessage(), 0);
            return Wire.error(e.kind(), e.getMessage());
        }
        try {
            Map<String, Object> result = dispatcher.call(req.action(), req.params(), caller);
            return Wire.ok(result);
        } catch (ActionException e) {
            return Wire.error(e.kind(), e.getMessage());
        }
    }
}
