package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.Treasury;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/api/wallet}: the host wallet's address and balances from the active engine's
 * treasury ({@code {"engine","address","balances":[{asset, amount, decimals}]}}, amounts as decimal
 * strings of the smallest unit, {@code payout}: where withdrawals go, null when the engine cannot tell).
 * Read-only (sending: {@link WalletActionsServlet}); the engine call is fenced (10 s, any failure → 503).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/wallet")
public final class WalletServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WalletServlet.class);
    private final transient ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-admin-wallet");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Engine engine;

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Engine active = engine;
        if (active == null) {
            Api.error(resp, 503, "No chain engine is active: the wallet cannot be read.");
            return;
        }
        Future<Map<String, Object>> f = calls.submit(() -> read(active));
        try {
            Api.send(resp, 200, f.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Api.error(resp, 503, "The chain did not answer in time; try again.");
        } catch (Exception e) {
            LOG.warn("admin wallet: engine {} failed: {}", active.id(), e.toString());
            Api.error(resp, 503, "The chain did not answer in time or refused; try again.");
        } finally {
            f.cancel(true);
        }
    }

    private static Map<String, Object> read(Engine engine) throws Exception {
        Treasury treasury = engine.treasury();
        List<Map<String, Object>> balances = treasury.balances().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset", b.asset());
            m.put("amount", b.amount().toString());
            m.put("decimals", b.decimals());
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine.displayName());
        out.put("address", treasury.address());
        out.put("balances", balances);
        String payout = null;
        try {
            payout = treasury.payoutAddress();
        } catch (ChainUnavailableException e) {
            LOG.debug("admin wallet: no payout address from {}: {}", engine.id(), e.toString());
        }
        out.put("payout", payout);
        return out;
    }
}
