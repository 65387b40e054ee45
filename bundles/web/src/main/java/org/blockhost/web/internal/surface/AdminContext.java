package org.blockhost.web.internal.surface;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.engine.api.Engine;
import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.admin.HolderCheck;
import org.blockhost.web.internal.session.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin surface at {@code /admin}: only with an admin session (wallet sign-in by the holder of
 * the admin credential); the sign-in API and the sign-in page itself are open. A session ends once
 * the chain says its wallet no longer holds the credential ({@link HolderCheck}).
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = Surfaces.ADMIN_NAME, path = Surfaces.ADMIN_PATH)
public final class AdminContext extends SurfaceContext {
    public static final String SURFACE = "admin";
    private static final Set<String> OPEN = Set.of("/", "/api/nonce", "/api/login");
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-admin-holder");
        t.setDaemon(true);
        return t;
    });
    private final HolderCheck holders = new HolderCheck(Clock.systemUTC(), this::holds);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Engine engine;

    @Activate
    public AdminContext(@Reference WebPolicy policy) {
        super(policy);
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Override
    protected boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback) throws IOException {
        Optional<Session> session = policy.sessions().find(req, SURFACE);
        if (session.isPresent() && !holders.stillHolds(session.get().subject())) {
            policy.sessions().end(req, resp, SURFACE, req.getContextPath());
            return OPEN.contains(inner(req))
                    || refuse(req, resp, 401, "The admin credential moved to another wallet: sign in with the wallet that holds it.");
        }
        Boolean signedIn = ifSession(req, resp, SURFACE);
        if (signedIn != null || OPEN.contains(inner(req))) {
            return signedIn == null || signedIn;
        }
        return refuse(req, resp, 401, "Sign in with the admin wallet first.");
    }

    /** The engine's answer (fenced: 10 s, exceptions are "unknown"). */
    private Optional<HolderCheck.Verdict> holds(String wallet) {
        Engine active = engine;
        if (active == null) {
            return Optional.empty();
        }
        Future<Boolean> f = calls.submit(() -> active.credentials().adminHolder()
                .map(h -> active.addressFormat().normalise(h).equals(active.addressFormat().normalise(wallet))).orElse(false));
        try {
            return Optional.of(f.get(10, TimeUnit.SECONDS) ? HolderCheck.Verdict.HOLDS : HolderCheck.Verdict.DOES_NOT_HOLD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            f.cancel(true);
        }
    }
}
