package org.blockhost.installer.internal.finalize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a setup answers file: {@code key = value} lines, {@code #} comments and blank lines.
 * Fails closed: a malformed line, a duplicate, an empty value or a key no registered step reads
 * is an error naming the line, and the field only when it is one a step declares. Errors never
 * echo text from the file: it may be a key file given by mistake.
 */
public final class AnswersFile {
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_VALUE = 4096;

    private AnswersFile() {
    }

    /** Thrown for a malformed answers file; the message names the line (and a declared field). */
    public static final class AnswersException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        AnswersException(String source, int line, String message) {
            super(source + ":" + line + ": " + message);
        }
    }

    public static Map<String, String> parse(String source, List<String> lines, Set<String> knownKeys) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new AnswersException(source, i + 1, "expected 'field = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            check(source, i + 1, key, value, answers, knownKeys);
            answers.put(key, value);
        }
        return answers;
    }

    private static void check(String source, int line, String key, String value, Map<String, String> seen,
            Set<String> known) {
        if (seen.containsKey(key)) {
            throw new AnswersException(source, line, "field '" + key + "' given twice");
        }
        String problem = problem(key, value, known);
        if (problem != null) {
            throw new AnswersException(source, line, problem);
        }
    }

    /**
     * Why one answer is invalid, or null when it is valid. The text names the field only when a
     * step declares it; an invalid or unknown field name is not repeated.
     */
    public static String problem(String key, String value, Set<String> known) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "invalid field name (a lower-case letter, then letters, digits, '_', '.' or '-'; at most 64)";
        }
        if (!known.contains(key)) {
            return "unknown field" + (known.isEmpty() ? " (no setup step reads any field yet)"
                    : " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
        if (value == null || value.isEmpty()) {
            return "field '" + key + "' has no value";
        }
        if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            return "field '" + key + "' has an over-long value or control characters";
        }
        return null;
    }
}
