package org.blockhost.web.internal.surface;

import java.io.IOException;

import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.internal.http.Headers;
import org.blockhost.web.internal.http.Net;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.Component;
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
 * Outermost filter of every servlet context (also the whiteboard's default one): puts the
 * security headers on every response, refuses a {@code Host} the server does not answer to (421,
 * the surfaces' {@link org.blockhost.web.internal.http.HostPolicy}: a servlet that selected no
 * surface is protected against DNS rebinding too) and answers anything a servlet throws with the
 * platform's generic 500 page; the exception is logged, never sent.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=2147483647")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=*)")
@HttpWhiteboardFilterPattern("/*")
public final class FenceFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(FenceFilter.class);
    private final WebPolicy policy;

    @Activate
    public FenceFilter(@Reference WebPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        Headers.apply(resp, req.isSecure());
        if (!policy.hosts().allowed(req.getHeader("Host"), Net.loopback(req.getRemoteAddr()))) {
            ErrorPages.write(req, resp, 421, "This server does not answer to that host name.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            LOG.warn("{} {} failed", req.getMethod(), req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                Headers.apply(resp, req.isSecure());
                ErrorPages.write(req, resp, 500, "This page failed. The error was logged on the server.");
            }
        }
    }
}
