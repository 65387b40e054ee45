package org.blockhost.crypto.internal.siwe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3339 {@code date-time} (full-date "T" full-time with a mandatory offset). */
public final class Rfc3339 {
    private static final Pattern SHAPE = Pattern.compile(
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})");

    private Rfc3339() {
    }

    /** Parses to an instant, or returns null if the text is not an RFC 3339 date-time. */
    public static Instant parseOrNull(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            String normalized = text.toUpperCase(Locale.ROOT);
            return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static boolean isValid(String text) {
        return parseOrNull(text) != null;
    }
}
