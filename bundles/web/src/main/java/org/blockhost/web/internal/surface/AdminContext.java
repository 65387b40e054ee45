package org.blockhost.web.internal.surface;

import java.io.IOException;
import java.util.Set;

import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin surface at {@code /admin}: only with an admin session (wallet sign-in by the holder of
 * the admin credential); the sign-in API and the sign-in page itself are open.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = Surfaces.ADMIN_NAME, path = Surfaces.ADMIN_PATH)
public final class AdminContext extends SurfaceContext {
    public static final String SURFACE = "admin";
    private static final Set<String> OPEN = Set.of("/", "/api/nonce", "/api/login");

    @Activate
    public AdminContext(@Reference WebPolicy policy) {
        super(policy);
    }

    @Override
    protected boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback) throws IOException {
        Boolean signedIn = ifSession(req, resp, SURFACE);
        if (signedIn != null || OPEN.contains(inner(req))) {
            return signedIn == null || signedIn;
        }
        return refuse(req, resp, 401, "Sign in with the admin wallet first.");
    }
}
