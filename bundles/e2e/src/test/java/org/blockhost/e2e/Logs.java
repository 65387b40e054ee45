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

    private static String lastLines(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
