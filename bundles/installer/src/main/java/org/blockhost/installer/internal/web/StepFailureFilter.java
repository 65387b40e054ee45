package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.Optional;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.api.WizardStep;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fences the installer's servlets: an exception from a step servlet is logged, answered with a
 * generic 500 (never the exception text), and marks the servlet's plugin failed. A save the setup
 * service refused after the page's check ({@link org.blockhost.installer.api.SetupChangedException})
 * is no failure: every page gets the same 400 with its sentence ({@link SetupChangedAnswer}).
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class StepFailureFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(StepFailureFilter.class);
    private final PluginStatus plugins;
    private final HttpServiceRuntime runtime;
    private final BundleContext context;
    private final StepRegistry registry;

    @Activate
    public StepFailureFilter(@Reference PluginStatus plugins, @Reference HttpServiceRuntime runtime,
            BundleContext context, @Reference StepRegistry registry) {
        this.plugins = plugins;
        this.runtime = runtime;
        this.context = context;
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse resp = (HttpServletResponse) response;
            Optional<SetupChangedException> refused = SetupChangedAnswer.in(e);
            if (refused.isPresent()) {
                LOG.info("installer page {}: save refused, the setup changed since the check", http.getRequestURI());
                if (!resp.isCommitted()) {
                    resp.resetBuffer(); // keeps the surface's security headers
                    SetupChangedAnswer.write(http, resp, registry.steps(), refused.get());
                }
            } else {
                fail(http, resp, e);
            }
        }
    }

    private void fail(HttpServletRequest http, HttpServletResponse resp, Exception e) throws IOException {
        String path = http.getRequestURI();
        LOG.warn("installer page {} failed", path, e);
        long bundleId = servletBundle(path);
        if (bundleId >= 0) {
            plugins.reportFailure(bundleId, "wizard page " + path, e);
        }
        if (!resp.isCommitted()) {
            resp.resetBuffer(); // keeps the surface's security headers
            resp.setStatus(500);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("This setup page failed. The error was logged; see 'blockhost plugins'.\n");
        }
    }

    private long servletBundle(String path) {
        RequestInfoDTO info = runtime.calculateRequestInfoDTO(path);
        return info == null || info.servletDTO == null ? -1 : serviceBundle(info.servletDTO.serviceId);
    }

    private long serviceBundle(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + serviceId + ")");
            return refs == null || refs[0].getBundle() == null ? -1 : refs[0].getBundle().getBundleId();
        } catch (InvalidSyntaxException e) {
            return -1;
        }
    }
}
