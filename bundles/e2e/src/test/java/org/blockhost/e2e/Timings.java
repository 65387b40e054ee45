package org.blockhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The timing table: rows of one test class, printed to stdout and written to
 * {@code target/e2e-timings/<section>.txt}; {@code target/e2e-timings.txt} is rewritten as all
 * sections of this build.
 */
final class Timings {
    private static final Path DIR = Path.of(System.getProperty("e2e.reports", "target"));
    private final String section;
    private final List<String> lines = new ArrayList<>();

    Timings(String section, String title) {
        this.section = section;
        lines.add("== " + title + " (" + Instant.now() + ")");
    }

    void header(String format, Object... columns) {
        lines.add(String.format(format, columns));
    }

    void row(String format, Object... values) {
        lines.add(String.format(format, values));
    }

    /** Prints the section and rewrites the combined file. */
    void write() throws IOException {
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        Path sections = Files.createDirectories(DIR.resolve("e2e-timings"));
        Files.writeString(sections.resolve(section + ".txt"), text);
        try (Stream<Path> all = Files.list(sections)) {
            String combined = all.sorted().map(Timings::read).collect(Collectors.joining("\n"));
            Files.writeString(DIR.resolve("e2e-timings.txt"), combined);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + p + ": " + e.getMessage() + ")\n";
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
