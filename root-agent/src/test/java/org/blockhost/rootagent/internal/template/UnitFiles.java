package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the shipped systemd units (continuation lines joined, comments dropped). */
final class UnitFiles {
    private UnitFiles() {
    }

    static Path path(String unit) {
        return Path.of(System.getProperty("blockhost.test.basedir"), "src/main/systemd", unit);
    }

    static String read(String unit) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String l : Files.readAllLines(path(unit))) {
            if (cur.length() == 0 && l.startsWith("#")) {
                continue;
            }
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
            } else {
                lines.add(cur.append(l).toString());
                cur.setLength(0);
            }
        }
        return String.join("\n", lines);
    }

    /** The value of {@code key} (the last one), or "" when absent. */
    static String value(String text, String key) {
        String v = "";
        for (String l : text.split("\n")) {
            if (l.startsWith(key + "=")) {
                v = l.substring(key.length() + 1).strip();
            }
        }
        return v;
    }

    static List<String> execStart(String text) {
        return Arrays.asList(value(text, "ExecStart").split("\\s+"));
    }

    static Set<String> words(String text, String key) {
        return new TreeSet<>(Arrays.asList(value(text, key).split("\\s+")));
    }
}
