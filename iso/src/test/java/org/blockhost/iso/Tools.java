package org.blockhost.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a tool and returns its exit code and output (stdout and stderr together). */
final class Tools {
    private Tools() {
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    static Path src() {
        return Path.of(System.getProperty("blockhost.iso.src"));
    }
}
