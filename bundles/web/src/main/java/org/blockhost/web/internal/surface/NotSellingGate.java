package org.blockhost.web.internal.surface;

import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.web.api.Surfaces;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.Servlet;

/**
 * Keeps {@link NotSellingPage} registered on the public surface's root ({@code ""}) exactly while no servlet there
 * claims {@code /} (an engine's buy page: engines register theirs only while core uses them). Not a fixed servlet
 * for {@code /}: on the whiteboard the first context whose servlet matches a path takes the request, so a permanent
 * {@code /} servlet would take every path from the contexts behind the public one.
 */
@Component(service = {}, immediate = true)
public final class NotSellingGate {
    /** Servlets for {@code /} that select the public surface (the filter's parentheses escaped). */
    static final String BUY_PAGES = "(&(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/)("
            + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=\\(osgi.http.whiteboard.context.name="
            + Surfaces.PUBLIC_NAME + "\\)))";

    private final Set<ServiceReference<Servlet>> buyPages = ConcurrentHashMap.newKeySet();
    private BundleContext context;
    private ServiceRegistration<Servlet> page;

    @Activate
    synchronized void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        show();
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
        context = null;
    }

    @Reference(service = Servlet.class, target = BUY_PAGES, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addBuyPage(ServiceReference<Servlet> ref) {
        buyPages.add(ref);
        show();
    }

    void removeBuyPage(ServiceReference<Servlet> ref) {
        buyPages.remove(ref);
        show();
    }

    /** Registers the page while no buy page is there, withdraws it while one is. */
    private synchronized void show() {
        if (context == null) {
            return;
        }
        if (!buyPages.isEmpty()) {
            withdraw();
        } else if (page == null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, Surfaces.PUBLIC_SELECT);
            props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "");
            page = context.registerService(Servlet.class, new NotSellingPage(), props);
        }
    }

    private void withdraw() {
        if (page != null) {
            try {
                page.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
            page = null;
        }
    }
}
