package org.blockhost.rootagent.internal.daemon;

import java.io.IOException;

import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.AuditLog;
import org.blockhost.rootagent.internal.action.Dispatcher;
import org.blockhost.rootagent.internal.actions.PortForward;
import org.blockhost.rootagent.internal.actions.TenantIsolation;
import org.blockhost.rootagent.internal.protocol.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running root agent: context, audit log and socket server wired together. */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final AgentContext ctx;
    private final AuditLog audit;
    private final Server server;

    private Daemon(AgentContext ctx, AuditLog audit, Server server) {
        this.ctx = ctx;
        this.audit = audit;
        this.server = server;
    }

    public static Daemon start(DaemonArgs args) throws IOException {
        // refuse to start on a symlinked, foreign-owned or group/other-writable confinement root
        args.config().checkRoots(true);
        PeerAuth auth = new PeerAuth(args.user());
        if (auth.userId() < 0) {
            LOG.warn("user {} does not exist: only root can call", args.user());
        }
        AgentContext ctx = new AgentContext(args.config(), args.templateUnit(), null);
        PortForward.restore(ctx);
        TenantIsolation.restore(ctx);
        AuditLog audit = new AuditLog(args.config().stateDir());
        Server s = new Server(args, new RequestHandler(new Dispatcher(ctx, audit)), auth);
        try {
            s.start();
        } catch (IOException e) {
            s.close();
            audit.close();
            ctx.close();
            throw e;
        }
        return new Daemon(ctx, audit, s);
    }

    @Override
    public void close() {
        server.close();
        audit.close();
        ctx.close();
    }
}
