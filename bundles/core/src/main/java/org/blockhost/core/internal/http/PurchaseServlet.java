package org.blockhost.core.internal.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.blockhost.console.api.PipelineStatus;
import org.blockhost.console.api.VmRegistry;
import org.blockhost.core.internal.store.PurchaseTransactions;
import org.blockhost.core.internal.store.VmRegistryService;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/public/purchase/{subscriptionId}} on the public surface: where a purchase is in
 * the pipeline ({@code received} … {@code active}), whether its VM is {@code ready} for login (the
 * guest reported its first boot finished) and how long a first boot usually takes here
 * ({@code typicalBootSeconds}, once known), never a secret: no owner, no address, no host key, no
 * internal reason (a parked purchase says only that the operator must look at it). 404 until the
 * host has seen the purchase on chain.
 *
 * <p>{@code GET /api/public/purchase/tx/{transaction}} answers the same for the purchase the host saw in that
 * transaction, for a page that knows only the transaction its wallet broadcast (the OPNet buy page: an interaction's
 * id names no subscription); any engine, as each reports its purchase's transaction.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern("/api/public/purchase/*")
public final class PurchaseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PARKED_REASON = "The host could not finish it automatically and is waiting for its operator.";
    private final transient PipelineStatus pipeline;
    private final transient VmRegistry vms;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile VmRegistryService stats;
    private final transient PurchaseTransactions purchases;

    @Activate
    public PurchaseServlet(@Reference PipelineStatus pipeline, @Reference VmRegistry vms,
            @Reference PurchaseTransactions purchases) {
        this.pipeline = pipeline;
        this.vms = vms;
        this.purchases = purchases;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        Optional<Map<String, Object>> state;
        if (path.matches("/[1-9][0-9]{0,17}")) {
            state = state(Long.parseLong(path.substring(1)));
        } else if (path.matches("/tx/(0x)?[0-9a-fA-F]{64}")) {
            state = purchases.subscriptionOf(path.substring(4)).flatMap(this::state);
        } else {
            Json.write(resp, 404, Map.of("error", "no such purchase"));
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        Json.write(resp, state.isPresent() ? 200 : 404, state.orElse(Map.of("error", "not seen on chain yet")));
    }

    /** The public state of one purchase, empty when the host does not know it (yet). */
    Optional<Map<String, Object>> state(long id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscriptionId", id);
        Optional<VmRegistry.VmRecord> vm = vms.list().stream().filter(v -> v.subscriptionId() == id).findFirst();
        for (PipelineStatus.Entry e : pipeline.entries()) {
            if (e.subscriptionId() == id) {
                boolean parked = !e.parkedReason().isEmpty();
                out.put("stage", e.stage());
                out.put("parked", parked);
                if (parked) {
                    out.put("reason", PARKED_REASON);
                }
                return Optional.of(withReady(out, vm));
            }
        }
        return vm.map(v -> {
            out.put("stage", "active");
            out.put("parked", false);
            out.put("vmState", v.state());
            return withReady(out, vm);
        });
    }

    private Map<String, Object> withReady(Map<String, Object> out, Optional<VmRegistry.VmRecord> vm) {
        out.put("ready", vm.flatMap(VmRegistry.VmRecord::readyAt).isPresent());
        VmRegistryService s = stats;
        if (s != null) {
            s.vms().typicalBootSeconds().ifPresent(t -> out.put("typicalBootSeconds", t));
        }
        return out;
    }
}
