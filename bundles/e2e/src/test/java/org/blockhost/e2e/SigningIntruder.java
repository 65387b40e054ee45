package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An SSH login by a wallet that is not the VM's owner but answers pam_web3's prompts anyway: its
 * own address to {@code Wallet address:}, which still gets a challenge, then the signature of that
 * challenge (pam's {@code web3-sign --from-prompt}, which signs whatever message it is shown, unlike the
 * demo client that refuses another account's message). A refusal then comes from pam_web3 in the
 * guest, not from the client.
 */
final class SigningIntruder {
    static final Path SIGNER = Stack.ROOT.resolve("pam/build/web3-sign");

    /** Exit status of ssh and whether the challenge reached the signer. */
    record Attempt(int exit, boolean signedChallenge, String output) {
    }

    private SigningIntruder() {
    }

    /** Builds pam's tools when {@code web3-sign} is missing. */
    static void ensureSigner() throws IOException, InterruptedException {
        if (!Files.isExecutable(SIGNER)
                && new ProcessBuilder("make", "-s", "-C", Stack.ROOT.resolve("pam").toString()).inheritIO().start().waitFor() != 0) {
            throw new IOException("make -C pam failed; no " + SIGNER);
        }
    }

    static Attempt login(Path dir, Path keyFile, String host, int port, String user) throws IOException, InterruptedException {
        Path prompt = dir.resolve("intruder.prompt");
        Path askpass = dir.resolve("intruder-askpass");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s' \"$1\" > '" + prompt + "'\nprintf '%s' \"$1\" | '" + SIGNER
                + "' --key-file \"$INTRUDER_KEY_FILE\" --from-prompt\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no",
                "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR", "-l", user, host, "id"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(java.util.Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "DISPLAY", ":0", "INTRUDER_KEY_FILE", keyFile.toString()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ssh hung");
        }
        boolean signed = Files.exists(prompt)
                && Files.readString(prompt).contains(" wants you to sign in with your Ethereum account");
        return new Attempt(p.exitValue(), signed, out);
    }
}
