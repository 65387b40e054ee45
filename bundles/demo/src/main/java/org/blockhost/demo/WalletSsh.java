package org.blockhost.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Logs in to a VM with OpenSSH's client through keyboard-interactive: pam_web3's sign-in message
 * goes to an askpass program ({@code SSH_ASKPASS_REQUIRE=force}) that signs it with the wallet's
 * key file. Only the key file's path travels, in the environment variable {@link #KEY_FILE_ENV};
 * neither the key nor the signature is ever on a command line.
 */
public final class WalletSsh {
    /** Environment variable holding the key file path for the askpass program. */
    public static final String KEY_FILE_ENV = "BLOCKHOST_ASKPASS_KEY_FILE";
    static final String ASKPASS_MAIN = "org.blockhost.demo.internal.cli.AskpassMain";

    private WalletSsh() {
    }

    /** What the remote command printed and its exit status (255: ssh failed or the login was refused). */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean refused() {
            return exitCode == 255;
        }
    }

    /**
     * Runs {@code command} on the VM as its user. The host key is accepted on first use and pinned
     * in {@code knownHosts} under the VM name (so forwarded loopback ports do not collide).
     */
    public static Result run(VmAccess vm, Path keyFile, Path knownHosts, Duration connectTimeout,
            Duration timeout, List<String> command) {
        try (DemoWallet wallet = DemoWallet.fromKeyFile(keyFile)) {
            keyFile = wallet.keyFile(); // checked and absolute
        }
        Path work = null;
        try {
            Files.createDirectories(knownHosts.toAbsolutePath().getParent());
            work = Files.createTempDirectory("blockhost-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path askpass = writeAskpass(work);
            ProcessBuilder pb = new ProcessBuilder(sshCommand(vm, knownHosts, connectTimeout, command))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile());
            Map<String, String> env = pb.environment();
            env.put("SSH_ASKPASS", askpass.toString());
            env.put("SSH_ASKPASS_REQUIRE", "force");
            env.putIfAbsent("DISPLAY", ":0");
            env.put(KEY_FILE_ENV, keyFile.toString());
            env.remove("SSH_AUTH_SOCK");
            return await(pb.start(), work, timeout);
        } catch (IOException e) {
            throw new DemoException("cannot run ssh: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    static List<String> sshCommand(VmAccess vm, Path knownHosts, Duration connectTimeout, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(vm.port()),
                "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + knownHosts.toAbsolutePath(),
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "HostKeyAlias=" + vm.vm(),
                "-o", "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no",
                "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()),
                "-o", "LogLevel=ERROR", "-l", vm.user(), vm.host(), "--"));
        cmd.addAll(command);
        return cmd;
    }

    /** A shell script that runs {@link #ASKPASS_MAIN} on this JVM's class path with the prompt ($1). */
    static Path writeAskpass(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/bin/sh\nexec " + quote(java) + " -XX:TieredStopAtLevel=1 -Xshare:auto -cp "
                + quote(absoluteClassPath()) + " " + ASKPASS_MAIN + " \"$1\"\n";
        Path file = dir.resolve("askpass");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static String absoluteClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Result await(Process ssh, Path work, Duration timeout) throws IOException {
        try {
            if (!ssh.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ssh.destroyForcibly().waitFor();
                throw new DemoException("ssh did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            ssh.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted", e);
        }
        return new Result(ssh.exitValue(), Files.readString(work.resolve("out")), Files.readString(work.resolve("err")));
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory of our own
        }
    }
}
