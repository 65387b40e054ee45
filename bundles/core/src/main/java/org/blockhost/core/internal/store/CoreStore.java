package org.blockhost.core.internal.store;

import java.nio.file.Path;

import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Opens the store at {@code <state>/blockhost.db} for the other core components. */
@Component(service = CoreStore.class)
public final class CoreStore {
    private final Database db;

    @Activate
    public CoreStore(BundleContext context) {
        Path state = RuntimeLayout.from(context::getProperty).stateDir();
        this.db = Database.open(state.resolve("blockhost.db"));
    }

    public Database db() {
        return db;
    }

    @Deactivate
    void close() {
        db.close();
    }
}
