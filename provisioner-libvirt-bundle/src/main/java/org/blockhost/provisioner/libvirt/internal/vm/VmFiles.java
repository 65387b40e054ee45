package org.blockhost.provisioner.libvirt.internal.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where a VM's overlay and seed live, and which template image new overlays use. */
public record VmFiles(Path vmDir, Path templateDir) {
    public Path overlay(String vm) {
        return vmDir.resolve(vm + ".qcow2");
    }

    public Path seed(String vm) {
        return vmDir.resolve(vm + "-seed.iso");
    }

    /**
     * The image {@code <template>.current} names ({@code <template>-<recipe id>.qcow2}: templates are
     * immutable, a rebuild with another recipe is a new file, so existing overlays keep their
     * backing file); {@code <template>.qcow2} when there is no valid pointer (older layout, tests).
     */
    public Path template(String template) {
        Path pointer = templateDir.resolve(template + ".current");
        try {
            if (Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS) && Files.size(pointer) <= 256) {
                String file = Files.readString(pointer, StandardCharsets.UTF_8).strip();
                if (file.matches(Pattern.quote(template) + "-[0-9a-f]{16}\\.qcow2")) {
                    return templateDir.resolve(file);
                }
            }
        } catch (IOException e) {
            // unreadable pointer: the older layout's name
        }
        return templateDir.resolve(template + ".qcow2");
    }

    /**
     * The identity of the image new overlays of {@code template} use now: its file name with the
     * checksum the build recorded next to it ({@code <stem>.sha256}), or with its modification time
     * when there is none; {@code ""} when there is no image. Read without hashing the image.
     */
    public String build(String template) {
        Path image = template(template);
        String file = image.getFileName().toString();
        Path sum = templateDir.resolve(file.substring(0, file.length() - ".qcow2".length()) + ".sha256");
        try {
            if (!Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
                return "";
            }
            if (Files.isRegularFile(sum, LinkOption.NOFOLLOW_LINKS) && Files.size(sum) <= 256) {
                String sha = Files.readString(sum, StandardCharsets.UTF_8).strip();
                if (sha.matches("[0-9a-f]{64}")) {
                    return file + "@" + sha;
                }
            }
            return file + "@" + Files.getLastModifiedTime(image, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return "";
        }
    }
}
