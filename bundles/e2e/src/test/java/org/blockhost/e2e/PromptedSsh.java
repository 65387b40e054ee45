package org.blockhost.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ssh} with keyboard-interactive whose prompts (pam_web3's, as sshd hands them over: the
 * module's text and the prompt in one) the test answers while ssh waits: an {@code SSH_ASKPASS}
 * script writes each prompt to {@code prompt.N} in a fresh directory and prints {@code answer.N}
 * once the test wrote it. Host keys are checked against the given known_hosts file
 * ({@code StrictHostKeyChecking=yes}).
 */
final class PromptedSsh {
    /** Answers one prompt (the whole text askpass got). */
    interface Answers {
        String answer(String prompt) throws IOException, InterruptedException;
    }

    /** Exit status and output of ssh and the prompts it showed, in order. */
    record Result(int exit, String output, List<String> prompts) {
        boolean prompted(String text) {
            return prompts.stream().anyMatch(p -> p.contains(text));
        }
    }

    private static final String ASKPASS = """
            #!/bin/sh
            d='%s'
            n=$(ls "$d" | grep -c '^prompt\\.')
            printf '%%s' "$1" > "$d/.prompt" && mv "$d/.prompt" "$d/prompt.$n"
            i=0
            while [ ! -f "$d/answer.$n" ]; do i=$((i + 1)); [ "$i" -gt 1800 ] && exit 1; sleep 0.1; done
            cat "$d/answer.$n"
            """;

    private PromptedSsh() {
    }

    /** Runs {@code ssh -p PORT USER@HOST COMMAND}, answering its prompts; at most {@code timeout}. */
    static Result run(Path parent, Path knownHosts, String host, int port, String user, Answers answers, Duration timeout,
            String... command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "ssh");
        Path askpass = dir.resolve("askpass");
        Path exchange = Files.createDirectory(dir.resolve("prompts"));
        Files.writeString(askpass, ASKPASS.formatted(exchange));
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no",
                "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR", "-l", user, host));
        cmd.addAll(List.of(command));
        Path out = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"));
        Process ssh = pb.start();
        List<String> prompts = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (ssh.isAlive()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("ssh still runs after " + timeout + "; prompts: " + prompts);
                }
                Path prompt = exchange.resolve("prompt." + prompts.size());
                if (Files.exists(prompt)) {
                    prompts.add(Files.readString(prompt));
                    Path part = exchange.resolve(".answer");
                    Files.writeString(part, answers.answer(prompts.get(prompts.size() - 1)));
                    Files.move(part, exchange.resolve("answer." + (prompts.size() - 1)), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Thread.sleep(50);
                }
            }
        } finally {
            ssh.destroyForcibly();
            ssh.waitFor();
        }
        return new Result(ssh.exitValue(), Files.readString(out, StandardCharsets.UTF_8), List.copyOf(prompts));
    }
}
