package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.IOException;

import org.blockhost.core.internal.http.Json;

/** Prints command results as JSON (for scripts) or as aligned text. */
final class Printer {

    private Printer() {
    }

    static void json(PrintStream out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints rows as columns padded to the widest cell. */
    static void table(PrintStream out, String[] header, java.util.List<String[]> rows) {
        int[] width = new int[header.length];
        for (String[] row : prepend(header, rows)) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : prepend(header, rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], width[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static java.util.List<String[]> prepend(String[] header, java.util.List<String[]> rows) {
        java.util.List<String[]> all = new java.util.ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
