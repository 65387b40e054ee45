package org.blockhost.platform.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the runtime keeps its files, read from the framework properties the launcher sets.
 * Production: config {@code /etc/blockhost/runtime}, state {@code /var/lib/blockhost/runtime} (the
 * runtime's own directories; their parents stay root's, H5), plugins {@code /var/lib/blockhost/plugins}.
 * Dev mode: the same tree below one user-writable directory.
 *
 * @param dev whether the runtime runs in dev mode
 * @param configDir configuration directory ({@code *.cfg} files applied live)
 * @param stateDir state directory (database, sockets, runner state)
 * @param pluginsDir plugins folder watched for bundles
 */
public record RuntimeLayout(boolean dev, Path configDir, Path stateDir, Path pluginsDir) {

    /** Framework property: {@code dev} or {@code production}. */
    public static final String MODE = "blockhost.mode";
    /** Framework property: configuration directory. */
    public static final String CONFIG_DIR = "blockhost.config.dir";
    /** Framework property: state directory. */
    public static final String STATE_DIR = "blockhost.state.dir";
    /** Framework property: plugins directory. */
    public static final String PLUGINS_DIR = "blockhost.plugins.dir";

    public RuntimeLayout {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
    }

    /**
     * Reads the layout from properties (for example {@code BundleContext::getProperty}); missing
     * values fall back to the production paths.
     */
    public static RuntimeLayout from(UnaryOperator<String> properties) {
        boolean dev = "dev".equals(properties.apply(MODE));
        String stateValue = properties.apply(STATE_DIR);
        Path state = path(properties, STATE_DIR, "/var/lib/blockhost/runtime");
        String plugins = stateValue == null || stateValue.isBlank()
                ? "/var/lib/blockhost/plugins" : state.resolve("plugins").toString();
        return new RuntimeLayout(dev, path(properties, CONFIG_DIR, "/etc/blockhost/runtime"), state,
                path(properties, PLUGINS_DIR, plugins));
    }

    private static Path path(UnaryOperator<String> properties, String key, String fallback) {
        String value = properties.apply(key);
        return Path.of(value == null || value.isBlank() ? fallback : value).toAbsolutePath().normalize();
    }
}
