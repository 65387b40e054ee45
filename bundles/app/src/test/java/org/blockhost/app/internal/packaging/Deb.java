package org.blockhost.app.internal.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A built Debian package of the reactor, read with dpkg-deb (test helper for {@link PackagesIT}). */
record Deb(String name, Path file, Path again) {

    /** One entry of the package's data archive as {@code tar -tv} shows it. */
    record Entry(String mode, String owner, long mtime, String path) {
        boolean isDirectory() {
            return mode.startsWith("d");
        }
    }

    /** Output of a finished command. */
    record Result(int exit, String out, String err) {
    }

    static Deb of(Path root, String module, String name, String version) {
        return of(root, module, name, version, "all");
    }

    /** A package of one architecture ({@code all}, or {@code amd64} for one that carries a binary). */
    static Deb of(Path root, String module, String name, String version, String arch) {
        Path target = root.resolve(module).resolve("target");
        String file = name + "_" + version + "_" + arch + ".deb";
        return new Deb(name, target.resolve(file), target.resolve("deb-again").resolve(file));
    }

    /** The data archive's entries in archive order (GNU tar, numeric owners, epoch mtimes). */
    List<Entry> entries() throws IOException, InterruptedException {
        Result r = run(List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -tv --numeric-owner --full-time"
                + " --quoting-style=literal", file.toString()), null);
        if (r.exit() != 0) {
            throw new IOException("cannot list " + file + ": " + r.err());
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            String path = f[5].replaceFirst(" -> .*$", "");
            long mtime = java.time.LocalDateTime.parse(f[3] + "T" + f[4])
                    .toEpochSecond(java.time.ZoneOffset.UTC);
            entries.add(new Entry(f[0], f[1], mtime, path));
        }
        return entries;
    }

    /** Unpacks the package into {@code dir} (as dpkg would, without running its scripts). */
    void extractTo(Path dir) throws IOException, InterruptedException {
        Result r = run(List.of("dpkg-deb", "-x", file.toString(), dir.toString()), null);
        if (r.exit() != 0) {
            throw new IOException("cannot extract " + file + ": " + r.err());
        }
    }

    /** Runs a command (argv, no shell unless asked), 120 s at most. */
    static Result run(List<String> argv, Path dir) throws IOException, InterruptedException {
        return run(argv, dir, 120);
    }

    /** Runs a command (argv, no shell unless asked), {@code seconds} at most. */
    static Result run(List<String> argv, Path dir, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deb-out", ".txt");
        Path err = Files.createTempFile("deb-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + argv);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
