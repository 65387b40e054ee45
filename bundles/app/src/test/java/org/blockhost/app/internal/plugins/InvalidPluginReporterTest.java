package org.blockhost.app.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidPluginReporterTest {
    @TempDir
    Path dir;

    private Path jar(String name, String bsn) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return p;
    }

    @Test
    void claimsCorruptAndPlainJarsButNotBundles() throws Exception {
        InvalidPluginReporter reporter = new InvalidPluginReporter();
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a zip");
        assertTrue(reporter.canHandle(corrupt.toFile()));
        assertTrue(InvalidPluginReporter.problem(corrupt.toFile()).startsWith("not a readable jar"));
        assertTrue(reporter.canHandle(jar("plain.jar", null).toFile()));
        assertEquals("no Bundle-SymbolicName", InvalidPluginReporter.problem(jar("plain2.jar", null).toFile()));
        assertFalse(reporter.canHandle(jar("good.jar", "org.example.good").toFile()));
        assertFalse(reporter.canHandle(Files.writeString(dir.resolve("notes.txt"), "x").toFile()));
    }
}
