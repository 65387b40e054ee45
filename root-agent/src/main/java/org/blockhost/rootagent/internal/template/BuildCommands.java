package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a program with an argument vector (never a shell), a minimal environment and a timeout. */
final class BuildCommands {
    private static final Logger LOG = LoggerFactory.getLogger(BuildCommands.class);
    private static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    private final Path log;
    private final BuildBudget budget;

    /** Each command with its own timeout only. */
    BuildCommands(Path log) {
        this(log, BuildBudget.start(Duration.ofDays(1)));
    }

    /** Each command with its own timeout, but never longer than what is left of {@code budget}. */
    BuildCommands(Path log, BuildBudget budget) {
        this.log = log;
        this.budget = budget;
    }

    void run(List<String> argv, byte[] stdin, Duration cap) throws IOException {
        Duration timeout = budget.timeout(cap);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("LANG", "C");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        LOG.info("template: running {}", argv.get(0));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(argv.get(0) + " timed out after " + timeout.toSeconds() + " s (log " + log + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(argv.get(0) + " interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IOException(argv.get(0) + " exited with " + p.exitValue() + " (log " + log + ")");
        }
    }

    void run(List<String> argv, Duration timeout) throws IOException {
        run(argv, null, timeout);
    }

    static boolean installed(String program) {
        for (String dir : PATH.split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
