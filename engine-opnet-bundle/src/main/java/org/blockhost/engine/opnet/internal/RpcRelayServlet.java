package org.blockhost.engine.opnet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.web.api.ClientAddress;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/public/rpc} on the public surface: the buyer pages' same-origin, read-only JSON-RPC relay to the
 * engine's configured node ({@link RpcRelay}: allow-listed reads, bounded sizes, no node text). At most
 * {@value #PER_CLIENT} node calls (a batch counts each) of one client ({@link ClientAddress#key}: an IPv4 address or an
 * IPv6 /64, the same client as the web surfaces' own limits) and {@value #TOTAL} in all per
 * {@value #WINDOW_MS} ms, else 429.
 * Active with the engine's configuration; the node's answer is read up to {@value #MAX_ANSWER} bytes.
 * Registered only while core's {@link ActiveEngine} is this engine: the other engine claims the same public paths.
 */
@Component(service = Servlet.class, configurationPid = OpnetEngine.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = "active", service = ActiveEngine.class, target = OpnetEngine.ACTIVE))
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern("/api/public/rpc")
public final class RpcRelayServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int PER_CLIENT = 60;
    static final int TOTAL = 600;
    static final long WINDOW_MS = 10_000;
    static final int MAX_ANSWER = 2 * 1024 * 1024;
    private final transient RpcRelay relay;
    private final transient RateLimit limit;

    @Activate
    public RpcRelayServlet(OpnetConfig config) {
        this(new RpcRelay(new OpnetRpc(RpcEndpoint.check(config.rpcUrl(), config.devMode()),
                Duration.ofSeconds(config.rpcTimeoutSeconds()), MAX_ANSWER)),
                new RateLimit(PER_CLIENT, TOTAL, WINDOW_MS, System::currentTimeMillis));
    }

    RpcRelayServlet(RpcRelay relay, RateLimit limit) {
        this.relay = relay;
        this.limit = limit;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(RpcRelay.MAX_REQUEST + 1);
        }
        if (!admit(req.getRemoteAddr(), body)) {
            resp.setStatus(429);
            resp.setHeader("Retry-After", String.valueOf(WINDOW_MS / 1000));
            resp.getOutputStream().write(RpcRelay.bytes(RpcRelay.error(null, -32005,
                    "Too many requests from this address: wait a few seconds and try again.")));
            return;
        }
        resp.getOutputStream().write(RpcRelay.bytes(relay.answer(body)));
    }

    /** Counts the request's node calls (a batch counts each) against its client's budget; false when over. */
    boolean admit(String remoteAddr, byte[] body) {
        return limit.allow(ClientAddress.key(remoteAddr), RpcRelay.cost(body));
    }
}
