package org.blockhost.app.internal.plugins;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, makes the installed plugin bundles match the plugins folder: a bundle that was
 * installed from the folder but whose jar was removed while the runtime was down is uninstalled.
 * (While running, FileInstall handles additions, updates and removals.)
 */
@Component(immediate = true)
public final class PluginFolderReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PluginFolderReconciler.class);

    @Activate
    public PluginFolderReconciler(BundleContext context) {
        Path folder = RuntimeLayout.from(context::getProperty).pluginsDir();
        for (Bundle bundle : orphans(context.getBundles(), folder)) {
            try {
                LOG.info("uninstalling {} ({}): its jar is no longer in {}", bundle.getSymbolicName(),
                        bundle.getLocation(), folder);
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("could not uninstall orphaned plugin {}: {}", bundle.getLocation(), e.getMessage());
            }
        }
    }

    /** Bundles installed from a file inside {@code folder} whose file no longer exists. */
    static List<Bundle> orphans(Bundle[] bundles, Path folder) {
        List<Bundle> out = new ArrayList<>();
        for (Bundle bundle : bundles) {
            Path file = fileOf(bundle.getLocation());
            if (file != null && file.startsWith(folder) && !Files.exists(file)) {
                out.add(bundle);
            }
        }
        return out;
    }

    /** The file a bundle location names, or null when it is not a plain file location. */
    static Path fileOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
