package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Templates in the template directory: {@code <name>.qcow2} with {@code <name>.recipe} (what it was
 * built from) and {@code <name>.sha256}. A template whose recipe and checksum match is reused.
 */
public final class TemplateService {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);
    private final Path dir;
    private final TemplateBuilder builder = new TemplateBuilder();

    public TemplateService(Path templateDir) {
        this.dir = templateDir;
    }

    public synchronized TemplateInfo build(TemplateSpec spec) throws ProvisionerException {
        TemplateRecipe recipe = TemplateRecipe.of(spec);
        Optional<String> reused = reusable(recipe);
        if (reused.isPresent()) {
            LOG.info("template {}: reusing (recipe {})", spec.name(), recipe.id());
            return new TemplateInfo(spec.name(), reused.get(), true);
        }
        requireBuildable();
        try {
            return new TemplateInfo(spec.name(), buildNow(recipe), false);
        } catch (IOException e) {
            throw new ProvisionerException("template build of " + spec.name() + " failed: " + e.getMessage(), true, e);
        }
    }

    /** The recorded checksum when the template exists, its recipe matches and the file still hashes to it. */
    public Optional<String> reusable(TemplateRecipe recipe) {
        Path image = dir.resolve(recipe.name() + ".qcow2");
        try {
            if (!Files.isRegularFile(image) || !recipe.text().equals(read(recipe.name() + ".recipe"))) {
                return Optional.empty();
            }
            String sha = read(recipe.name() + ".sha256").trim();
            return sha.equals(sha256(image)) ? Optional.of(sha) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String buildNow(TemplateRecipe recipe) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Path work = dir.resolve(".build-" + recipe.name());
        deleteTree(work);
        Path image = builder.build(recipe, work);
        String sha = sha256(image);
        Files.move(image, dir.resolve(recipe.name() + ".qcow2"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        write(recipe.name() + ".sha256", sha + "\n");
        write(recipe.name() + ".recipe", recipe.text());
        deleteTree(work);
        LOG.info("template {} built in {} s, sha256 {}", recipe.name(), (System.nanoTime() - t0) / 1_000_000_000L, sha);
        return sha;
    }

    private static void requireBuildable() throws ProvisionerException {
        if (!isRoot()) {
            throw new ProvisionerException("building a template needs root (debootstrap); there is no root agent "
                    + "action for it yet: run the template build as root", false);
        }
        List<String> missing = TemplateBuilder.missingTools();
        if (!missing.isEmpty()) {
            throw new ProvisionerException("template build needs " + String.join(", ", missing)
                    + " (Debian: debootstrap dosfstools mtools syslinux syslinux-common fdisk qemu-utils)", false);
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    private void write(String file, String content) throws IOException {
        Path tmp = dir.resolve("." + file + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
