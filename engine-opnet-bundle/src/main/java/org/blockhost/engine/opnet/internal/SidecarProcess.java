package org.blockhost.engine.opnet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A running write sidecar: its three streams and its life. */
interface SidecarProcess {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    boolean isAlive();

    void destroy();

    /** Starts a sidecar. */
    @FunctionalInterface
    interface Starter {
        SidecarProcess start() throws IOException;
    }

    /**
     * {@code <node> <dir>/sidecar.mjs}: no argument for the sidecar, an empty environment, the sidecar's
     * directory as working directory. The key file's path travels in the {@code init} request, never here.
     */
    static Starter node(Path node, Path dir) {
        return () -> {
            Path script = dir.resolve("sidecar.mjs");
            if (!Files.isExecutable(node) || !Files.isRegularFile(script)) {
                throw new IOException("OPNet sidecar not installed (node binary or sidecar.mjs missing)");
            }
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script.toString()).directory(dir.toFile());
            builder.environment().clear();
            Process process = builder.start();
            return new SidecarProcess() {
                @Override public OutputStream stdin() { return process.getOutputStream(); }
                @Override public InputStream stdout() { return process.getInputStream(); }
                @Override public InputStream stderr() { return process.getErrorStream(); }
                @Override public boolean isAlive() { return process.isAlive(); }
                @Override public void destroy() { process.destroyForcibly(); }
            };
        };
    }
}
