package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The qcow2 overlays in the VM directories and the templates they are based on. A template counts as
 * used when an overlay's backing file names its path, its real path or just its file name (when in
 * doubt, a template is kept).
 */
final class Overlays {
    private static final int MAX_DEPTH = 4;
    private final List<Path> vmDirs;

    Overlays(List<Path> vmDirs) {
        this.vmDirs = List.copyOf(vmDirs);
    }

    /** The overlays (file names; with their directory when there are several) whose backing file is {@code template}. */
    List<String> using(Path template) throws IOException {
        List<String> out = new ArrayList<>();
        Path real = template.toAbsolutePath().normalize();
        for (Path vmDir : vmDirs) {
            if (!Files.isDirectory(vmDir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(vmDir, MAX_DEPTH)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".qcow2") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && names(p, backing(p), real)) {
                        out.add(vmDirs.size() == 1 ? vmDir.relativize(p).toString() : p.toString());
                    }
                }
            }
        }
        return out;
    }

    private static Optional<String> backing(Path overlay) {
        try {
            return Qcow2Backing.of(overlay);
        } catch (IOException e) {
            return Optional.empty(); // vanished or unreadable: not an overlay we can account for
        }
    }

    private static boolean names(Path overlay, Optional<String> backing, Path template) {
        if (backing.isEmpty()) {
            return false;
        }
        Path b = overlay.getParent().resolve(backing.get()).normalize();
        if (b.equals(template) || (b.getFileName() != null && b.getFileName().equals(template.getFileName()))) {
            return true;
        }
        try {
            return Files.exists(b) && b.toRealPath().equals(template.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
