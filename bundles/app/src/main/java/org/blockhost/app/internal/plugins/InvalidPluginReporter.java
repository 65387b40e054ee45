package org.blockhost.app.internal.plugins;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims files in the plugins folder that end in {@code .jar} but are not OSGi bundles (corrupt
 * archives, plain jars) so that each is logged once with its file name instead of being ignored
 * silently. Nothing is installed; the runtime keeps serving.
 */
@Component(service = ArtifactInstaller.class)
public final class InvalidPluginReporter implements ArtifactInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidPluginReporter.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        LOG.error("plugins folder: {} is not a valid plugin bundle ({}); ignored", artifact.getName(), problem(artifact));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("plugins folder: invalid file {} removed", artifact.getName());
    }

    /** Why the file is not a bundle, or null when it is one. */
    static String problem(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return "no manifest";
            }
            return manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null ? "no Bundle-SymbolicName" : null;
        } catch (IOException e) {
            return "not a readable jar: " + e.getMessage();
        }
    }
}
