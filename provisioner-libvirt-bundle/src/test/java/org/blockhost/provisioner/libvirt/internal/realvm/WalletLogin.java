package org.blockhost.provisioner.libvirt.internal.realvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wallet SSH login from the host, the way a user does it: OpenSSH keyboard-interactive with
 * {@code SSH_ASKPASS_REQUIRE=force}. OpenSSH hands the askpass program each whole prompt of pam_web3:
 * first {@code Wallet address:}, answered with the wallet's address, then the SIWE message for that
 * address and {@code Signature:}, which the program cuts out and signs (EIP-191) with the wallet's key
 * file; pam's {@code web3-sign --from-prompt} answers both.
 */
final class WalletLogin {
    static final Path PAM = Path.of("..", "pam").toAbsolutePath().normalize();
    private final Path keyFile;
    private final Path askpass;
    private final Path prompt;

    /** The wallet of {@code keyHex} (a test key), with its key file and askpass program under {@code dir}. */
    WalletLogin(Path dir, String name, String keyHex) throws IOException {
        Files.createDirectories(dir);
        keyFile = dir.resolve(name + ".key");
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, keyHex + "\n");
        askpass = dir.resolve(name + "-askpass");
        prompt = dir.resolve(name + ".prompt");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s' \"$1\" > '" + prompt + "'\nprintf '%s' \"$1\" | '" + signer()
                + "' --key-file '" + keyFile + "' --from-prompt\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    }

    /** Builds pam (incremental; the .deb and web3-sign) and returns the .deb. */
    static Path buildPam() throws IOException, InterruptedException {
        if (Host.run("make", "-s", "-C", PAM.toString()) != 0) {
            throw new IOException("make -s -C " + PAM + " failed");
        }
        Path deb = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PAM.resolve("build"), "libpam-web3_*.deb")) {
            for (Path p : ds) {
                if (deb == null || p.getFileName().toString().compareTo(deb.getFileName().toString()) > 0) {
                    deb = p;
                }
            }
        }
        if (deb == null || !Files.isExecutable(signer())) {
            throw new IOException("pam build produced no .deb or web3-sign in " + PAM.resolve("build"));
        }
        return deb;
    }

    /** Puts {@code deb} into {@code <templateDir>/packages/} (atomically replaced when it differs). */
    static String stage(Path deb, Path templateDir) throws IOException {
        Path dir = Files.createDirectories(templateDir.resolve("packages"));
        Path target = dir.resolve(deb.getFileName());
        if (!Files.exists(target) || Files.mismatch(deb, target) != -1) {
            Path tmp = dir.resolve("." + deb.getFileName() + ".tmp");
            Files.copy(deb, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return deb.getFileName().toString();
    }

    static Path signer() {
        return PAM.resolve("build/web3-sign");
    }

    /** Whether the last prompt this wallet's askpass got carried a SIWE sign-in message. */
    boolean sawSignInMessage() throws IOException {
        return Files.exists(prompt) && Files.readString(prompt).contains(" wants you to sign in with your Ethereum account");
    }

    String address() throws IOException, InterruptedException {
        return run(List.of(signer().toString(), "--key-file", keyFile.toString(), "--address"), Map.of(), 10).trim();
    }

    /** Logs in as {@code user} on 127.0.0.1:{@code port} and runs {@code command}; its output, or null when refused. */
    String login(int port, String user, String command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "PreferredAuthentications=keyboard-interactive",
                "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR", user + "@127.0.0.1", command));
        Map<String, String> env = Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "DISPLAY", ":0");
        return run(argv, env, 90);
    }

    /** Output of a successful run, or null (non-zero exit or timeout). */
    private static String run(List<String> argv, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("wallet-login", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
