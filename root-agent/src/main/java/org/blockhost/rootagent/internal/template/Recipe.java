package org.blockhost.rootagent.internal.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What determines a template's content, as canonical text (recorded as {@code <name>.recipe}): the
 * fixed suite, variant, mirror and size, the sorted package list given by the caller and, when
 * there are any, the local {@code .deb} files installed after debootstrap with their SHA-256
 * ({@code local_packages=<file>:<sha256>,...}, sorted by file name).
 */
public record Recipe(String name, List<String> packages, Map<String, String> localPackages) {
    public static final String SUITE = "bookworm";
    public static final String MIRROR = "http://deb.debian.org/debian";
    public static final int SIZE_GIB = 4;
    static final int FORMAT = 1;

    public Recipe {
        packages = List.copyOf(new TreeSet<>(packages));
        localPackages = Collections.unmodifiableMap(new TreeMap<>(localPackages));
    }

    public Recipe(String name, List<String> packages) {
        this(name, packages, Map.of());
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
        if (!localPackages.isEmpty()) {
            List<String> local = new ArrayList<>();
            localPackages.forEach((file, sha) -> local.add(file + ":" + sha));
            lines.add("local_packages=" + String.join(",", local));
        }
        return String.join("\n", lines) + "\n";
    }
}
