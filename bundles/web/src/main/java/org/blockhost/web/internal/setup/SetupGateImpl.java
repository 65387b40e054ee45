package org.blockhost.web.internal.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.web.api.SetupGate;
import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.surface.WebPolicy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;

/**
 * Serves the setup surface while setup is not complete (or reopened): registers its servlet
 * context and sign-in page, and unregisters them once setup completes, so {@code /setup} answers
 * 404. Completion is remembered in {@code <state>/web/setup-complete}: later starts stay closed
 * until {@code blockhost setup reopen}. Each new code is shown on the console ({@link SetupNotice}:
 * the root agent's {@code console-issue} in production, {@code <state>/web/issue} in dev mode) and
 * removed from there once setup is complete.
 */
@Component(service = SetupGate.class, immediate = true)
public final class SetupGateImpl implements SetupGate {
    private static final Logger LOG = LoggerFactory.getLogger(SetupGateImpl.class);
    private final BundleContext context;
    private final WebPolicy policy;
    private final FinalizationStatus finalization;
    private final Path completeMarker;
    private final SetupNotice notice;
    private final SetupCodes codes = new SetupCodes(Clock.systemUTC());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blockhost-setup-gate");
        t.setDaemon(true);
        return t;
    });
    private ServiceRegistration<ServletContextHelper> contextReg;
    private ServiceRegistration<Servlet> loginReg;
    private ServiceRegistration<Servlet> sessionReg;
    private boolean reopened;
    private boolean announced;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RootAgent rootAgent;

    @Activate
    public SetupGateImpl(BundleContext context, @Reference WebPolicy policy, @Reference FinalizationStatus finalization) {
        this.context = context;
        this.policy = policy;
        this.finalization = finalization;
        RuntimeLayout layout = RuntimeLayout.from(context::getProperty);
        this.completeMarker = layout.stateDir().resolve("web").resolve("setup-complete");
        this.notice = new SetupNotice(layout.dev(), layout.stateDir().resolve("web").resolve("issue"), () -> rootAgent);
        sync();
        timer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        synchronized (this) {
            unregister();
        }
    }

    /** Opens or closes the surface to match the setup state. */
    synchronized void sync() {
        try {
            boolean complete = Files.exists(completeMarker) || markIfComplete();
            if ((!complete || reopened) && contextReg == null) {
                register();
                if (!announced) {
                    announced = true;
                    issue();
                    LOG.info("a setup code is shown on the console (valid 4 hours; 'blockhost setup code' prints a new one)");
                }
            } else if (complete && !reopened && contextReg != null) {
                unregister();
                LOG.info("setup is complete: /setup is closed ('blockhost setup reopen' opens it again)");
            }
            if (complete && !reopened) {
                notice.clear();
            }
            notice.tick(policy.tls(), policy.hosts().names());
        } catch (RuntimeException e) {
            LOG.warn("setup gate check failed: {}", e.toString());
        }
    }

    private boolean markIfComplete() {
        if (!finalization.complete()) {
            return false;
        }
        try {
            Files.createDirectories(completeMarker.getParent());
            Files.writeString(completeMarker, "setup completed\n");
        } catch (IOException e) {
            LOG.warn("cannot record that setup is complete in {}: {}", completeMarker, e.getMessage());
        }
        return true;
    }

    SetupCodes.Outcome check(String entered) {
        SetupCodes.Outcome outcome = codes.check(entered);
        if (outcome.replacement() != null) {
            LOG.warn("10 wrong setup codes: the code is replaced; the new one is shown on the console");
            notice.show(outcome.replacement());
        }
        return outcome;
    }

    @Override
    public synchronized String newCode() {
        if (contextReg == null) {
            throw new IllegalStateException("setup is complete and /setup is closed: use 'blockhost setup reopen'");
        }
        return issue();
    }

    @Override
    public synchronized boolean open() {
        return contextReg != null;
    }

    @Override
    public synchronized String reopen() {
        reopened = true;
        if (contextReg == null) {
            register();
        }
        return issue();
    }

    /** A new code, also shown on the console. */
    private String issue() {
        String code = codes.issue();
        notice.show(code);
        return code;
    }

    @Override
    public synchronized void close() {
        reopened = false;
        sync();
    }

    private void register() {
        Hashtable<String, Object> ctx = new Hashtable<>();
        ctx.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, Surfaces.SETUP_NAME);
        ctx.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, Surfaces.SETUP_PATH);
        contextReg = context.registerService(ServletContextHelper.class, new SetupContext(policy), ctx);
        Hashtable<String, Object> login = new Hashtable<>();
        login.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, Surfaces.SETUP_SELECT);
        login.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, SetupLoginServlet.PATH);
        loginReg = context.registerService(Servlet.class, new SetupLoginServlet(this, policy.sessions()), login);
        Hashtable<String, Object> session = new Hashtable<>(login);
        session.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, SetupSessionServlet.PATH);
        sessionReg = context.registerService(Servlet.class, new SetupSessionServlet(), session);
    }

    private void unregister() {
        if (sessionReg != null) {
            sessionReg.unregister();
            sessionReg = null;
        }
        if (loginReg != null) {
            loginReg.unregister();
            loginReg = null;
        }
        if (contextReg != null) {
            contextReg.unregister();
            contextReg = null;
        }
        policy.sessions().endAll(SetupContext.SURFACE);
    }
}
