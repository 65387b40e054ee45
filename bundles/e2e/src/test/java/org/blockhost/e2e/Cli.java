package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code blockhost --home HOME ARGS}: the operator CLI through the runtime's socket. */
final class Cli {
    private Cli() {
    }

    /** Exit code, standard output and standard error of one call. */
    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            if (exit != 0) {
                throw new AssertionError("CLI failed with " + exit + ": " + err + out);
            }
            return Stack.JSON.readTree(out);
        }
    }

    static Result run(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("--home", home.toString()));
        cmd.addAll(List.of(args));
        return launcher(cmd);
    }

    /** {@code blockhost demo login NAME --wallet-key FILE --home HOME -- COMMAND}: wallet SSH login into a VM. */
    static Result login(Path home, String vm, Path keyFile, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("demo", "login", vm, "--wallet-key", keyFile.toString(), "--home",
                home.toString(), "--"));
        cmd.addAll(List.of(command));
        return launcher(cmd);
    }

    private static Result launcher(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", Stack.ROOT.resolve("blockhost").toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("CLI hung: " + cmd);
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
