package org.blockhost.installer.internal.finalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.Phase;

/**
 * The finalization runner's persistent state: each step's status, the wizard answers and values
 * published by steps, in one JSON file written atomically (temp file, fsync, rename). A step found
 * RUNNING on load was interrupted by a crash and is pending again. Thread-safe: every method holds
 * the store's lock, which the runner's save also holds between its check and its write.
 */
public final class StepStateStore {

    /** A step's persisted status; {@code started} is when its last run began (null before). */
    public record StepRecord(String id, String label, Phase phase, int order, State state, String error,
            String updated, String started) {
    }

    /** The whole file. */
    public record Document(Map<String, StepRecord> steps, Map<String, String> answers, Map<String, String> published) {
    }

    private final Path file;
    private final Map<String, StepRecord> steps = new TreeMap<>();
    private final Map<String, String> answers = new TreeMap<>();
    private final Map<String, String> published = new TreeMap<>();

    public StepStateStore(Path file) {
        this.file = file;
        load();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Document doc = Json.MAPPER.readValue(file.toFile(), Document.class);
            if (doc.steps() != null) {
                doc.steps().forEach((id, r) -> steps.put(id, r.state() == State.RUNNING
                        ? new StepRecord(id, r.label(), r.phase(), r.order(), State.PENDING, "interrupted", r.updated(), null)
                        : r));
            }
            putAll(answers, doc.answers());
            putAll(published, doc.published());
        } catch (IOException e) {
            throw new UncheckedIOException("finalization state " + file + " is unreadable", e);
        }
    }

    private static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            target.putAll(source);
        }
    }

    public synchronized StepRecord step(String id) {
        return steps.get(id);
    }

    public synchronized Map<String, StepRecord> steps() {
        return Map.copyOf(steps);
    }

    public synchronized void setState(String id, String label, Phase phase, int order, State state, String error) {
        String now = Instant.now().toString();
        StepRecord before = steps.get(id);
        String started = state == State.RUNNING ? now : before == null ? null : before.started();
        steps.put(id, new StepRecord(id, label, phase, order, state, error == null ? "" : error, now, started));
        save();
    }

    public synchronized Map<String, String> answers() {
        return Map.copyOf(answers);
    }

    public synchronized void putAnswers(Map<String, String> values) {
        putAnswers(values, Set.of());
    }

    /** Adds {@code values} and removes the {@code removed} answers, in one write. */
    public synchronized void putAnswers(Map<String, String> values, Set<String> removed) {
        answers.keySet().removeAll(removed);
        answers.putAll(values);
        save();
    }

    public synchronized String published(String key) {
        return published.get(key);
    }

    public synchronized Map<String, String> published() {
        return Map.copyOf(published);
    }

    public synchronized void publish(String key, String value) {
        published.put(key, value);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(new Document(steps, answers, published)));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write finalization state " + file, e);
        }
    }
}
