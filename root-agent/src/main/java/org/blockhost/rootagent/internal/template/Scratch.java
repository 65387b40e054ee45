package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build's scratch directory. A killed debootstrap can leave {@code proc}, {@code sys} or device
 * mounts inside it: they are lazily unmounted (deepest first) before anything is deleted, and the
 * delete never crosses into another file system, so a leftover mount can never take host files
 * with it.
 */
final class Scratch {
    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Duration UMOUNT_TIMEOUT = Duration.ofMinutes(1);

    private Scratch() {
    }

    /** Unmounts what is mounted below {@code dir}, then deletes it; fails if a mount stays. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path real = dir.toRealPath();
        List<Path> mounts = mountsBelow(real);
        if (!mounts.isEmpty()) {
            BuildCommands cmd = new BuildCommands(Path.of("/dev/null"));
            for (Path m : mounts) {
                cmd.run(List.of("umount", "--lazy", m.toString()), UMOUNT_TIMEOUT);
            }
            List<Path> left = mountsBelow(real);
            if (!left.isEmpty()) {
                throw new IOException("cannot unmount " + left + " left by an interrupted build");
            }
        }
        deleteTree(real);
    }

    /** Mount points strictly below {@code dir}, deepest first. */
    static List<Path> mountsBelow(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(MOUNTINFO)) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                Path mp = Path.of(unescape(f[4]));
                if (mp.startsWith(dir) && !mp.equals(dir) && !out.contains(mp)) {
                    out.add(mp);
                }
            }
        }
        out.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return out;
    }

    /** Deletes a tree without following symlinks and without leaving its file system. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Object dev = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                if (!dev.equals(Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    throw new IOException(p + " is on another file system (a mount left behind?): not deleted");
                }
                Files.delete(p);
            }
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
