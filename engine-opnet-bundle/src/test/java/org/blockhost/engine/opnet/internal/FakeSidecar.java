package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stand-in for the Node sidecar (test double for {@link Sidecar}'s unit tests): every request line
 * goes to {@code script}, whose answer lines are written to stdout; {@code null} makes the process exit.
 */
final class FakeSidecar implements SidecarProcess.Starter {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<Process> started = new CopyOnWriteArrayList<>();
    private final Function<JsonNode, List<String>> script;

    FakeSidecar(Function<JsonNode, List<String>> script) {
        this.script = script;
    }

    /** {@code {"id":<id of req>, ...fields}}. */
    static String answer(JsonNode req, String fields) {
        return "{\"id\":" + req.get("id") + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Override
    public SidecarProcess start() throws IOException {
        Process p = new Process();
        started.add(p);
        return p;
    }

    final class Process implements SidecarProcess {
        private final PipedInputStream out = new PipedInputStream(4 * 1024 * 1024);
        private final PipedOutputStream outWriter = new PipedOutputStream(out);
        private final PipedInputStream err = new PipedInputStream();
        private final PipedOutputStream errWriter = new PipedOutputStream(err);
        volatile boolean alive = true;
        volatile boolean destroyed;

        Process() throws IOException {
        }

        private final OutputStream in = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                if (!alive) {
                    throw new IOException("broken pipe");
                }
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                JsonNode req = JSON.readTree(line.toString(StandardCharsets.UTF_8));
                line.reset();
                requests.add(req);
                List<String> lines = script.apply(req);
                if (lines == null) {
                    exit();
                    return;
                }
                for (String l : lines) {
                    outWriter.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
                outWriter.flush();
            }
        };

        void exit() {
            alive = false;
            try {
                outWriter.close();
                errWriter.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void stderr(String text) throws IOException {
            errWriter.write(text.getBytes(StandardCharsets.UTF_8));
            errWriter.flush();
        }

        @Override public OutputStream stdin() { return in; }
        @Override public InputStream stdout() { return out; }
        @Override public InputStream stderr() { return err; }
        @Override public boolean isAlive() { return alive; }

        @Override
        public void destroy() {
            destroyed = true;
            if (alive) {
                exit();
            }
        }
    }
}
