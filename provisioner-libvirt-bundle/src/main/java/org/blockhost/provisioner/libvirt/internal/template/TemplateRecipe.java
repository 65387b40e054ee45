package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.blockhost.provisioner.api.TemplateSpec;

/**
 * Everything that determines a template's content, as canonical text: an existing template whose
 * recorded recipe equals this one is reused. Local {@code .deb} files (in
 * {@code <templateDir>/packages/}) count with their SHA-256, so a changed file makes a new recipe;
 * the text is the same as the root agent's {@code template-build} records. The image is
 * {@code <name>-<first 16 hex digits of id()>.qcow2} (content-addressed, never overwritten).
 */
public record TemplateRecipe(String name, String suite, String mirror, int sizeGib, List<String> packages,
        Map<String, String> localPackages) {
    public static final String SUITE = "bookworm";
    public static final String MIRROR = "https://deb.debian.org/debian";
    public static final int SIZE_GIB = 4;
    /** The base set; the PAM package for wallet login comes in as an extra until it is published. */
    public static final List<String> BASE = List.of("linux-image-amd64", "systemd-sysv", "udev", "openssh-server",
            "qemu-guest-agent", "cloud-init", "cloud-guest-utils", "libsecp256k1-1", "acpid", "ifupdown",
            "isc-dhcp-client", "netbase", "sudo",
            // debootstrap does not resolve virtual packages: cloud-init's python3-cryptography needs this one named
            "python3-cffi-backend");
    static final int FORMAT = 2;

    public TemplateRecipe {
        localPackages = Collections.unmodifiableMap(new TreeMap<>(localPackages));
    }

    public static TemplateRecipe of(TemplateSpec spec) {
        return of(spec, Map.of());
    }

    /** With local .deb files: each named file in {@code <templateDir>/packages/} is hashed (regular files only). */
    public static TemplateRecipe of(TemplateSpec spec, Path templateDir, List<String> localPackages) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String f : localPackages) {
            Path p = templateDir.resolve("packages").resolve(f);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("local package " + f + " is not a regular file in " + p.getParent());
            }
            hashes.put(f, TemplateService.sha256(p));
        }
        return of(spec, hashes);
    }

    private static TemplateRecipe of(TemplateSpec spec, Map<String, String> local) {
        TreeSet<String> pkgs = new TreeSet<>(BASE);
        pkgs.addAll(spec.extraPackages());
        return new TemplateRecipe(spec.name(), SUITE, MIRROR, SIZE_GIB, List.copyOf(pkgs), local);
    }

    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("format=" + FORMAT);
        lines.add("suite=" + suite);
        lines.add("variant=minbase");
        lines.add("mirror=" + mirror);
        lines.add("size_gib=" + sizeGib);
        lines.add("packages=" + String.join(",", packages));
        if (!localPackages.isEmpty()) {
            List<String> local = new ArrayList<>();
            localPackages.forEach((file, sha) -> local.add(file + ":" + sha));
            lines.add("local_packages=" + String.join(",", local));
        }
        return String.join("\n", lines) + "\n";
    }

    public String id() {
        return sha256(text().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code <name>-<id prefix>}: the image's file name without {@code .qcow2}, and of its records. */
    public String fileStem() {
        return name + "-" + id().substring(0, 16);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
