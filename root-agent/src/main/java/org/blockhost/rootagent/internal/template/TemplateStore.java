package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.path.SmallFiles;

/**
 * The template directory. Templates are immutable and content-addressed:
 * {@code <name>-<recipe id>.qcow2} with {@code .recipe} and {@code .sha256} next to it, and
 * {@code <name>.current} naming the file new overlays use. A changed recipe writes a new file; an
 * existing image is never overwritten (hard link, no replace). A template is reused when its
 * recorded recipe matches and it still hashes to its checksum. Only regular files are read.
 * {@code .vm-dirs} lists every VM directory whose agent built here (a template directory shared
 * by several dev trees or test caches): an image is only removed when none of them uses it.
 */
final class TemplateStore {
    static final String CURRENT = ".current";
    static final String VM_DIRS = ".vm-dirs";
    private static final String TRASH = ".trash-";
    private final Path dir;
    private final Path vmDir;

    TemplateStore(Path dir, Path vmDir) {
        this.dir = dir;
        this.vmDir = vmDir.toAbsolutePath().normalize();
    }

    /** This agent's VM directory and every other one recorded in {@code .vm-dirs} that still exists. */
    private Overlays overlays() throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(vmDir);
        try {
            for (String line : read(VM_DIRS).split("\n")) {
                if (line.startsWith("/") && Files.isDirectory(Path.of(line))) {
                    dirs.add(Path.of(line));
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            if (Files.exists(dir.resolve(VM_DIRS), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(VM_DIRS + " is unreadable: nothing is removed");
            }
        }
        StringBuilder b = new StringBuilder();
        dirs.forEach(d -> b.append(d).append('\n'));
        write(VM_DIRS, b.toString());
        return new Overlays(List.copyOf(dirs));
    }

    Path image(Recipe r) {
        return dir.resolve(base(r) + ".qcow2");
    }

    Optional<String> reusable(Recipe recipe) {
        try {
            if (!regular(image(recipe)) || !recipe.text().equals(read(base(recipe) + ".recipe"))) {
                return Optional.empty();
            }
            String sha = read(base(recipe) + ".sha256").trim();
            return sha.equals(sha256(image(recipe))) ? Optional.of(sha) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Builds in a scratch directory below the template dir, then links the image into place. */
    String build(Recipe recipe, ImageBuilder builder) throws IOException {
        Path work = dir.resolve(".build-" + recipe.name());
        Scratch.delete(work);
        Path built = builder.build(recipe, work);
        String sha = sha256(built);
        write(base(recipe) + ".sha256", sha + "\n");
        write(base(recipe) + ".recipe", recipe.text());
        place(built, image(recipe));
        Scratch.delete(work);
        return sha;
    }

    /** Makes {@code recipe}'s image the one new overlays of its name use. */
    void select(Recipe recipe) throws IOException {
        write(recipe.name() + CURRENT, image(recipe).getFileName() + "\n");
    }

    /** Never replaces a file: a leftover under the target name goes only when no overlay uses it. */
    private void place(Path built, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            List<String> users = overlays().using(target);
            if (!users.isEmpty()) {
                throw new IOException("refusing to replace " + target.getFileName() + ", which does not match its "
                        + "recorded checksum: overlays " + users + " are based on it");
            }
            Files.delete(target);
        }
        Files.createLink(target, built);
        Files.delete(built);
    }

    /**
     * Removes the other images of {@code name} (older recipes, and {@code <name>.qcow2} of the old
     * layout) that no overlay uses. Each is first renamed aside, then the overlays are scanned: a
     * disk-create racing with this fails its own re-check or is seen by the scan. Returns the removed files.
     */
    List<String> collect(String name) throws IOException {
        Pattern mine = Pattern.compile(Pattern.quote(name) + "(-[0-9a-f]{16})?\\.qcow2");
        String current = currentFile(name).orElse("");
        Overlays overlays = overlays();
        List<String> removed = new ArrayList<>();
        for (Path p : list(mine)) {
            String file = p.getFileName().toString();
            if (!file.equals(current) && regular(p) && removeIfUnused(p, overlays)) {
                removed.add(file);
            }
        }
        return removed;
    }

    /** Puts images renamed aside by an interrupted {@link #collect} back (they may still be used). */
    void recover() throws IOException {
        Files.createDirectories(dir);
        for (Path p : list(Pattern.compile(Pattern.quote(TRASH) + ".+\\.qcow2"))) {
            Path back = dir.resolve(p.getFileName().toString().substring(TRASH.length()));
            if (!Files.exists(back, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, back, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private boolean removeIfUnused(Path image, Overlays overlays) throws IOException {
        Path aside = dir.resolve(TRASH + image.getFileName());
        Files.move(image, aside, StandardCopyOption.ATOMIC_MOVE);
        List<String> users;
        try {
            users = overlays.using(image);
        } catch (IOException e) {
            users = List.of("(VM directory unreadable)");
        }
        if (!users.isEmpty()) {
            Files.move(aside, image, StandardCopyOption.ATOMIC_MOVE);
            return false;
        }
        String stem = image.getFileName().toString().replaceFirst("\\.qcow2$", "");
        Files.delete(aside);
        Files.deleteIfExists(dir.resolve(stem + ".recipe"));
        Files.deleteIfExists(dir.resolve(stem + ".sha256"));
        return true;
    }

    /** The file name {@code <name>.current} points to, when valid. */
    Optional<String> currentFile(String name) {
        try {
            String f = read(name + CURRENT).trim();
            return f.matches(Pattern.quote(name) + "-[0-9a-f]{16}\\.qcow2") ? Optional.of(f) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The overlays in the VM directory based on {@code image}. */
    List<String> users(Path image) throws IOException {
        return overlays().using(image);
    }

    private List<Path> list(Pattern names) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (names.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String base(Recipe r) {
        return r.name() + "-" + r.id();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean regular(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private String read(String file) throws IOException {
        return SmallFiles.read(dir.resolve(file));
    }

    private void write(String file, String content) throws IOException {
        SmallFiles.replace(dir, file, content);
    }

    static void deleteTree(Path root) throws IOException {
        Scratch.deleteTree(root);
    }
}
