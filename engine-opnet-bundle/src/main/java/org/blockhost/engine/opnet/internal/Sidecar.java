package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the Node write sidecar (README "Writes: the Node 24 sidecar"): starts it on demand and sends
 * {@code init}, one request at a time with increasing ids, answers matched by id within a timeout and capped
 * at 1 MiB a line. A process that exits, times out or breaks the protocol is killed and restarted on the next
 * request, not sooner than a back-off (1 s doubling to 60 s). stderr goes to SLF4J line by line.
 */
final class Sidecar implements AutoCloseable {
    static final int MAX_LINE = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object EOF = new Object();
    private static final long MIN_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 60_000;

    private final SidecarProcess.Starter starter;
    private final ObjectNode init;
    private final Duration timeout;
    private final LongSupplier clock;
    private SidecarProcess process;
    private BlockingQueue<Object> lines;
    private long nextId = 1;
    private long backoffMs;
    private long notBefore;
    private JsonNode wallet;

    Sidecar(SidecarProcess.Starter starter, ObjectNode init, Duration timeout, LongSupplier clockMs) {
        this.starter = starter;
        this.init = init.deepCopy();
        this.timeout = timeout;
        this.clock = clockMs;
    }

    /** Sends {@code request} (an {@code op} and its fields) and returns the {@code ok} answer. */
    synchronized JsonNode request(ObjectNode request) throws ChainUnavailableException {
        ensureStarted();
        return exchange(request.deepCopy());
    }

    /** The wallet {@code init} reported ({@code address}, {@code p2tr}). */
    synchronized JsonNode wallet() throws ChainUnavailableException {
        ensureStarted();
        return wallet;
    }

    private void ensureStarted() throws ChainUnavailableException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (process != null) {
            failed("OPNet sidecar exited");
        }
        if (clock.getAsLong() < notBefore) {
            throw new ChainUnavailableException("OPNet sidecar is restarting (back-off)");
        }
        try {
            process = starter.start();
        } catch (IOException e) {
            failed("OPNet sidecar cannot start: " + e.getMessage());
            throw new ChainUnavailableException("OPNet sidecar cannot start: " + e.getMessage());
        }
        lines = new LinkedBlockingQueue<>();
        BlockingQueue<Object> out = lines;
        InputStream stdout = process.stdout();
        daemon("opnet-sidecar-out", () -> {
            readLines(stdout, out::add);
            out.add(EOF);
        });
        InputStream stderr = process.stderr();
        daemon("opnet-sidecar-err", () -> readLines(stderr, line -> LOG.warn("OPNet sidecar: {}", clip(line))));
        try {
            wallet = exchange(init.deepCopy());
        } catch (ChainUnavailableException e) {
            if (process != null) {
                failed("OPNet sidecar refused its configuration");
            }
            throw e;
        }
    }

    private JsonNode exchange(ObjectNode request) throws ChainUnavailableException {
        long id = nextId++;
        request.put("id", id);
        String op = request.path("op").asText();
        try {
            OutputStream in = process.stdin();
            in.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw failed("OPNet sidecar does not take requests (" + op + ")");
        }
        JsonNode answer = awaitAnswer(id, op);
        if (!"init".equals(op)) {
            backoffMs = 0;
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        return refuse(op, answer);
    }

    private JsonNode awaitAnswer(long id, String op) throws ChainUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted waiting for the OPNet sidecar (" + op + ")");
            }
            if (line == null) {
                throw failed("OPNet sidecar did not answer " + op + " within " + timeout.toSeconds() + " s");
            }
            if (line == EOF) {
                throw failed("OPNet sidecar exited during " + op);
            }
            JsonNode answer = parse((String) line);
            if (answer == null || !answer.isObject()) {
                throw failed("OPNet sidecar answered something that is not a JSON object (" + op + ")");
            }
            if (answer.path("id").canConvertToLong() && answer.path("id").asLong() == id) {
                return answer;
            }
            LOG.warn("OPNet sidecar: dropped an answer for another request ({})", clip(answer.path("id").asText()));
        }
    }

    private static JsonNode refuse(String op, JsonNode answer) throws ChainUnavailableException {
        if (answer.hasNonNull("rejected")) {
            String reason = clip(answer.get("rejected").asText());
            throw new ChainRejectedException("OPNet " + op + " reverted in simulation: " + reason, reason);
        }
        String why = answer.hasNonNull("unavailable") ? answer.get("unavailable").asText()
                : answer.hasNonNull("invalid") ? "refused the request: " + answer.get("invalid").asText()
                : "answered neither ok nor a reason";
        throw new ChainUnavailableException("OPNet " + op + ": " + clip(why));
    }

    /** Kills the process and schedules the next start after the back-off; returns the exception to throw. */
    private ChainUnavailableException failed(String message) {
        if (process != null) {
            process.destroy();
            process = null;
        }
        backoffMs = backoffMs == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        notBefore = clock.getAsLong() + backoffMs;
        LOG.warn("{}; next start in {} ms at the earliest", message, backoffMs);
        return new ChainUnavailableException(message);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Lines of at most {@link #MAX_LINE} bytes to {@code each}; a longer one ends the stream (then a restart). */
    static void readLines(InputStream out, Consumer<String> each) {
        try (out) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = out.read()) >= 0;) {
                if (b == '\n') {
                    each.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() >= MAX_LINE) {
                    LOG.warn("OPNet sidecar wrote a line longer than 1 MiB");
                    return;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One printable line of at most 300 characters. */
    static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", " ").strip();
        return printable.length() > 300 ? printable.substring(0, 300) + "…" : printable;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }
}
