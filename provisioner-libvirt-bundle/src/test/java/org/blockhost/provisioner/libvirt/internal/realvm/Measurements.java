package org.blockhost.provisioner.libvirt.internal.realvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Timings of the real-VM test, printed and appended to a file. */
final class Measurements {
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    Measurements(Path file) {
        this.file = file;
    }

    void add(String what, long nanos) {
        note(String.format("%s: %.1f s", what, nanos / 1e9));
    }

    void note(String line) {
        System.out.println("[realvm] " + line);
        lines.add(line);
    }

    void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
