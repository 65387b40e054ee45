package org.blockhost.installer.internal.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.blockhost.installer.api.SetupService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Runs finalization off the request thread for the pages and the JSON endpoint; one run at a time. */
@Component(service = BackgroundRun.class)
public final class BackgroundRun {
    private final SetupService setup;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockhost-setup-run");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();

    @Activate
    public BackgroundRun(@Reference SetupService setup) {
        this.setup = setup;
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
    }

    /** Starts a run; false when one is already going on. */
    public boolean start() {
        if (setup.running() || !running.compareAndSet(false, true)) {
            return false;
        }
        background.execute(() -> {
            try {
                setup.run();
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    public boolean running() {
        return running.get() || setup.running();
    }
}
