package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.console.api.HostProfile;
import org.blockhost.engine.api.Engine;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * The public read API of the buyer pages (public surface, no secret): {@code GET /api/public/chain}
 * (chain id, contracts, stablecoin, host name) and {@code GET /api/public/plans} (each plan's name,
 * price per day in stablecoin units and the resources the host gives it). Chain reads are fenced
 * (10 s) and cached for {@link #TTL}; a failure answers 503 with a sentence, never its cause.
 * Registered only while core's {@link ActiveEngine} is this engine: the other engine claims the same public paths.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = "active", service = ActiveEngine.class, target = EvmEngine.ACTIVE))
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern({"/api/public/chain", "/api/public/plans"})
public final class PublicApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration FENCE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PublicApiServlet.class);
    private final transient PublicOffer offer;
    private final transient HostProfile host;
    private final transient ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "evm public offer");
        t.setDaemon(true);
        return t;
    });
    private transient volatile Cached cached;

    private record Cached(PublicOffer.Snapshot snapshot, long at) {
    }

    @Activate
    public PublicApiServlet(@Reference(target = "(org.blockhost.engine.id=evm)") Engine engine, @Reference HostProfile host) {
        this(((EvmEngine) engine).offer(), host);
    }

    PublicApiServlet(PublicOffer offer, HostProfile host) {
        this.offer = offer;
        this.host = host;
    }

    @Deactivate
    void deactivate() {
        reader.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PublicOffer.Snapshot snapshot;
        try {
            snapshot = snapshot();
        } catch (Exception e) {
            LOG.warn("public offer unavailable: {}", e.toString());
            write(resp, 503, "{\"error\":" + JsonText.string("The chain cannot be read right now. Try again in a minute.") + "}");
            return;
        }
        boolean plans = req.getServletPath().endsWith("/plans");
        write(resp, 200, plans ? plansJson(snapshot, host.planResources()) : chainJson(snapshot));
    }

    private PublicOffer.Snapshot snapshot() throws Exception {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.at() < TTL.toNanos()) {
            return c.snapshot();
        }
        synchronized (this) {
            c = cached;
            if (c != null && System.nanoTime() - c.at() < TTL.toNanos()) {
                return c.snapshot();
            }
            PublicOffer.Snapshot fresh = CompletableFuture.supplyAsync(() -> {
                try {
                    return offer.read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, reader).get(FENCE.toMillis(), TimeUnit.MILLISECONDS);
            cached = new Cached(fresh, System.nanoTime());
            return fresh;
        }
    }

    String chainJson(PublicOffer.Snapshot s) {
        PublicOffer.Network n = offer.network();
        return "{\"chainId\":" + offer.chainId() + ",\"host\":" + JsonText.string(host.publicHost())
                + ",\"chainName\":" + JsonText.string(n.name()) + ",\"rpcUrl\":" + JsonText.string(n.rpcUrl())
                + ",\"nativeSymbol\":" + JsonText.string(n.nativeSymbol())
                + ",\"subscriptions\":" + JsonText.string(offer.subscriptions())
                + ",\"credential\":" + JsonText.string(offer.credential()) + ",\"startBlock\":" + offer.startBlock()
                + ",\"stablecoin\":" + coin(s.coin()) + "}";
    }

    static String plansJson(PublicOffer.Snapshot s, Map<Long, PlanResources> resources) {
        StringBuilder out = new StringBuilder("{\"stablecoin\":").append(coin(s.coin())).append(",\"plans\":[");
        String sep = "";
        for (PublicOffer.Plan p : s.plans()) {
            PlanResources r = resources.get(p.id());
            out.append(sep).append("{\"id\":").append(p.id()).append(",\"name\":").append(JsonText.string(p.name()))
                    .append(",\"centsPerDay\":").append(p.centsPerDay())
                    .append(",\"pricePerDay\":").append(JsonText.string(p.pricePerDay().toString()))
                    .append(",\"active\":").append(p.active() && r != null)
                    .append(",\"resources\":").append(r == null ? "null" : "{\"vcpus\":" + r.vcpus() + ",\"memoryMib\":"
                            + r.memoryMib() + ",\"diskGib\":" + r.diskGib() + "}")
                    .append('}');
            sep = ",";
        }
        return out.append("]}").toString();
    }

    private static String coin(PublicOffer.Coin c) {
        return "{\"address\":" + JsonText.string(c.address()) + ",\"symbol\":" + JsonText.string(c.symbol())
                + ",\"decimals\":" + c.decimals() + "}";
    }

    private static void write(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "public, max-age=" + TTL.toSeconds());
        resp.getWriter().write(json);
    }
}
