package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.console.api.HostProfile;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The OPNet buyer pages' reads on the public surface (read-only, no secrets): {@code /api/public/chain} (host name,
 * network and contracts: what the access-key message names) and {@code /api/public/servers?owner=0x…} (the
 * credential tokens the address holds with their subscription and sealed details, {@link OwnedServers}) and
 * {@code /api/public/plans} (the payment token and the plans on sale, {@link PublicPlans}). Active
 * with the engine's configuration; the RPC URL is never in an answer or a log line.
 * Registered only while core's {@link ActiveEngine} is this engine: the other engine claims the same public paths.
 */
@Component(service = Servlet.class, configurationPid = OpnetEngine.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = "active", service = ActiveEngine.class, target = OpnetEngine.ACTIVE))
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern({"/api/public/chain", "/api/public/servers", "/api/public/plans"})
public final class PublicApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PublicApiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient HostProfile host;
    private final transient OpnetConfig config;
    private final transient OwnedServers servers;
    private final transient PublicPlans plans;

    @Activate
    public PublicApiServlet(@Reference HostProfile host, OpnetConfig config) {
        this.host = host;
        this.config = config;
        OpnetRpc rpc = new OpnetRpc(RpcEndpoint.check(config.rpcUrl(), config.devMode()),
                Duration.ofSeconds(config.rpcTimeoutSeconds()));
        OpnetReads reads = new OpnetReads(rpc, config.subscriptionsAddress(), config.credentialAddress());
        this.servers = new OwnedServers(rpc, reads, config.confirmations());
        this.plans = new PublicPlans(rpc, reads, config.confirmations());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        if ("/api/public/chain".equals(req.getServletPath())) {
            JSON.writeValue(resp.getOutputStream(), chain(host.publicHost(), config));
            return;
        }
        if ("/api/public/plans".equals(req.getServletPath())) {
            try {
                JSON.writeValue(resp.getOutputStream(), plans(plans.offer()));
            } catch (ChainUnavailableException e) {
                LOG.warn("plans could not be read: {}", e.getMessage());
                error(resp, 503, "The chain cannot be read right now. Reload the page in a minute.");
            }
            return;
        }
        String owner;
        try {
            owner = OpnetAddressFormat.INSTANCE.normalise(req.getParameter("owner"));
        } catch (IllegalArgumentException e) {
            error(resp, 400, "Give the wallet's OPNet address: 0x followed by 64 hex digits.");
            return;
        }
        try {
            JSON.writeValue(resp.getOutputStream(), servers(owner, servers.of(owner)));
        } catch (ChainUnavailableException e) {
            LOG.warn("servers of an owner could not be read: {}", e.getMessage());
            error(resp, 503, "The chain cannot be read right now. Reload the page in a minute.");
        }
    }

    static ObjectNode chain(String publicHost, OpnetConfig config) {
        return JSON.createObjectNode().put("engine", OpnetEngine.ID).put("host", publicHost).put("network", config.network())
                .put("subscriptions", OpnetAddressFormat.INSTANCE.normalise(config.subscriptionsAddress()))
                .put("credential", OpnetAddressFormat.INSTANCE.normalise(config.credentialAddress()));
    }

    static ObjectNode plans(PublicPlans.Offer offer) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("token").put("address", offer.token()).put("symbol", offer.symbol()).put("decimals", offer.decimals());
        ArrayNode array = out.putArray("plans");
        for (PublicPlans.Plan p : offer.plans()) {
            array.addObject().put("id", p.id()).put("pricePerDay", p.pricePerDay()).put("active", p.active());
        }
        return out;
    }

    static ObjectNode servers(String owner, List<OwnedServers.Server> list) {
        ObjectNode out = JSON.createObjectNode().put("owner", owner);
        ArrayNode array = out.putArray("servers");
        for (OwnedServers.Server s : list) {
            array.addObject().put("tokenId", s.tokenId()).put("subscriptionId", s.subscriptionId()).put("planId", s.planId())
                    .put("expiresAt", s.expiresAt()).put("cancelled", s.cancelled()).put("credentials", s.credentials())
                    .put("accessKey", s.accessKey());
        }
        return out;
    }

    private static void error(HttpServletResponse resp, int status, String sentence) throws IOException {
        resp.setStatus(status);
        JSON.writeValue(resp.getOutputStream(), JSON.createObjectNode().put("error", sentence));
    }
}
