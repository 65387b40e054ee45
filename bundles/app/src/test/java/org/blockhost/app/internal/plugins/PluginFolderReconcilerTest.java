package org.blockhost.app.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class PluginFolderReconcilerTest {
    @TempDir
    Path dir;

    private static Bundle bundle(String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> "getLocation".equals(method.getName()) ? location : null);
    }

    @Test
    void findsBundlesWhoseJarLeftTheFolder() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path kept = Files.createFile(plugins.resolve("kept.jar"));
        Bundle keptBundle = bundle(kept.toUri().toString());
        Bundle gone = bundle(plugins.resolve("gone.jar").toUri().toString());
        Bundle outside = bundle(dir.resolve("elsewhere.jar").toUri().toString());
        Bundle embedded = bundle("reference:file:/x.jar");
        List<Bundle> orphans = PluginFolderReconciler.orphans(new Bundle[] {keptBundle, gone, outside, embedded}, plugins);
        assertEquals(List.of(gone), orphans);
    }

    @Test
    void locationsThatAreNotFilesAreIgnored() {
        assertNull(PluginFolderReconciler.fileOf("inputstream:x"));
        assertNull(PluginFolderReconciler.fileOf(null));
        assertEquals(Path.of("/a/b.jar"), PluginFolderReconciler.fileOf("file:/a/c/../b.jar"));
    }
}
