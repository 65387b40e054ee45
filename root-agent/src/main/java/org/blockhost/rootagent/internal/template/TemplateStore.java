package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.blockhost.rootagent.internal.path.SmallFiles;

/**
 * The template directory: {@code <name>.qcow2} with {@code <name>.recipe} and {@code <name>.sha256}.
 * A template whose recorded recipe equals the requested one and whose image still hashes to the
 * recorded checksum is reused. Only regular files are read; symlinks are never followed.
 */
final class TemplateStore {
    private final Path dir;

    TemplateStore(Path dir) {
        this.dir = dir;
    }

    Optional<String> reusable(Recipe recipe) {
        Path image = dir.resolve(recipe.name() + ".qcow2");
        try {
            if (!regular(image) || !recipe.text().equals(read(recipe.name() + ".recipe"))) {
                return Optional.empty();
            }
            String sha = read(recipe.name() + ".sha256").trim();
            return sha.equals(sha256(image)) ? Optional.of(sha) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Builds into a scratch directory below the template dir, then moves the image into place. */
    String build(Recipe recipe, TemplateBuilder builder) throws IOException {
        Path work = dir.resolve(".build-" + recipe.name());
        deleteTree(work);
        Path image = builder.build(recipe, work);
        String sha = sha256(image);
        Files.move(image, dir.resolve(recipe.name() + ".qcow2"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        write(recipe.name() + ".sha256", sha + "\n");
        write(recipe.name() + ".recipe", recipe.text());
        deleteTree(work);
        return sha;
    }

    Path image(Recipe recipe) {
        return dir.resolve(recipe.name() + ".qcow2");
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
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
