package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a dev home's logs, for failure messages. */
final class Logs {
    private Logs() {
    }

    /** The launcher's output ({@code dev.log}, written by the test) and the runtime's log. */
    static String tail(Path home, int lines) {
        return "--- dev.log\n" + lastLines(home.resolve("dev.log"), lines) + "\n--- logs/runtime.log\n"
                + lastLines(home.resolve("logs/runtime.log"), lines);
    }

    /** Copies the home's {@code logs/*.log} to {@code target/logs/<name>/} (the home is a temp dir), best effort. */
    static void keep(Path home, String name) {
        Path to = Path.of(System.getProperty("e2e.reports", "target"), "logs", name);
        try (java.util.stream.Stream<Path> logs = Files.list(home.resolve("logs"))) {
            Files.createDirectories(to);
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("cannot keep the logs of " + home + ": " + e.getMessage());
        }
    }

    private static String lastLines(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
