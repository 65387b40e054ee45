package org.blockhost.rootagent.internal.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What determines a template's content, as canonical text (recorded as {@code <name>.recipe}): the
 * fixed suite, variant, mirror and size, the sorted package list given by the caller and, when
 * there are any, the local {@code .deb} files installed after debootstrap with their SHA-256
 * ({@code local_packages=<file>:<sha256>,...}, sorted by file name). Format 2: the mirror is
 * fetched over HTTPS and its Release file must be signed by a key of the Debian archive keyring.
 * {@link #id()} names the image file ({@code <name>-<id>.qcow2}).
 */
public record Recipe(String name, List<String> packages, Map<String, String> localPackages) {
    public static final String SUITE = "bookworm";
    public static final String MIRROR = "https://deb.debian.org/debian";
    public static final int SIZE_GIB = 4;
    static final int FORMAT = 2;

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

    /** The first 16 hex digits of the SHA-256 of {@link #text()}: the image's content address. */
    public String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
