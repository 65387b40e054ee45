package org.blockhost.web.internal.surface;

import java.net.URL;

import org.blockhost.web.api.Surfaces;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The public surface at {@code /}: anyone; read-only pages and JSON, and the UI kit's files
 * ({@code /kit/*}, resources of this bundle).
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = Surfaces.PUBLIC_NAME, path = "/")
public final class PublicContext extends SurfaceContext {
    private final Bundle bundle;

    @Activate
    public PublicContext(@Reference WebPolicy policy, BundleContext context) {
        super(policy);
        this.bundle = context.getBundle();
    }

    /** The kit's files from this bundle; nothing else. */
    @Override
    public URL getResource(String name) {
        return name != null && name.startsWith("/kit/") && !name.contains("..") ? bundle.getEntry(name) : null;
    }

    /** Exact types for the kit's files (nosniff makes browsers refuse a guessed one). */
    @Override
    public String getMimeType(String name) {
        if (name == null) {
            return null;
        }
        if (name.endsWith(".css")) {
            return "text/css;charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript;charset=utf-8";
        }
        return name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png" : null;
    }

    @Override
    protected boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback) {
        return true;
    }
}
