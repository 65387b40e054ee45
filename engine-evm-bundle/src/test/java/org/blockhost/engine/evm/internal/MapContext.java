package org.blockhost.engine.evm.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.blockhost.installer.api.FinalizationContext;

/** A finalization context over maps and one directory, without a chain. */
final class MapContext implements FinalizationContext {
    final Map<String, String> answers = new HashMap<>();
    final Map<String, String> published = new HashMap<>();
    final Path dir;
    boolean dev;

    MapContext(Path dir, boolean dev) {
        this.dir = dir;
        this.dev = dev;
    }

    @Override
    public Optional<String> answer(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    @Override
    public void publish(String key, String value) {
        published.put(key, value);
    }

    @Override
    public Optional<String> published(String key) {
        return Optional.ofNullable(published.get(key));
    }

    @Override
    public Path stateDirectory() {
        return dir.resolve("state");
    }

    @Override
    public Path configDirectory() {
        return dir.resolve("conf");
    }

    @Override
    public boolean devMode() {
        return dev;
    }
}
