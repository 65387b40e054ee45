package org.blockhost.installer.internal.finalize;

import java.nio.file.Path;
import java.util.Optional;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.platform.api.RuntimeLayout;

/** What a step sees: the answers and published values of the runner's store, the runtime's layout. */
final class StoreContext implements FinalizationContext {
    private final StepStateStore store;
    private final RuntimeLayout layout;

    StoreContext(StepStateStore store, RuntimeLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    @Override
    public Optional<String> answer(String key) {
        return Optional.ofNullable(store.answers().get(key));
    }

    @Override
    public void publish(String key, String value) {
        store.publish(key, value);
    }

    @Override
    public Optional<String> published(String key) {
        return Optional.ofNullable(store.published(key));
    }

    @Override
    public Path stateDirectory() {
        return layout.stateDir();
    }

    @Override
    public Path configDirectory() {
        return layout.configDir();
    }

    @Override
    public boolean devMode() {
        return layout.dev();
    }
}
