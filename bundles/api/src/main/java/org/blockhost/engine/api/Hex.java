package org.blockhost.engine.api;

import java.util.regex.Pattern;

/** Validation of the lowercase hex strings used in chain events. */
final class Hex {
    private static final Pattern LOWER_HEX = Pattern.compile("(?:[0-9a-f]{2})+");

    private Hex() {
    }

    static void require(String value, String name) {
        if (value == null || !LOWER_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be non-empty lowercase hex without 0x");
        }
    }
}
