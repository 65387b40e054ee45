package org.blockhost.rootagent.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What determines a template's content, as canonical text (recorded as {@code <name>.recipe}): the
 * fixed suite, variant, mirror and size, and the sorted package list given by the caller.
 */
public record Recipe(String name, List<String> packages) {
    public static final String SUITE = "bookworm";
    public static final String MIRROR = "http://deb.debian.org/debian";
    public static final int SIZE_GIB = 4;
    static final int FORMAT = 1;

    public Recipe {
        packages = List.copyOf(new TreeSet<>(packages));
    }

    public String suite() {
        return SUITE;
    }

    public String mirror() {
        return MIRROR;
    }

    public int sizeGib() {
        return SIZE_GIB;
    }

    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("format=" + FORMAT);
        lines.add("suite=" + SUITE);
        lines.add("variant=minbase");
        lines.add("mirror=" + MIRROR);
        lines.add("size_gib=" + SIZE_GIB);
        lines.add("packages=" + String.join(",", packages));
        return String.join("\n", lines) + "\n";
    }
}
