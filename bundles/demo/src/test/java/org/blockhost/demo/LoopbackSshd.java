package org.blockhost.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real sshd on 127.0.0.1 whose keyboard-interactive authentication is pam_web3 (the module
 * built in {@code pam/build}), for the user {@link #USER} whose GECOS names the wallet; the way
 * {@code pam/tests/systest.py} sets it up. Needs root. Stopped by its process handle; the PAM
 * service file and the user are removed on close.
 */
final class LoopbackSshd implements AutoCloseable {
    static final String USER = "w3demotest";
    static final String SERVICE = "sshd-blockhost-demo-test";
    private static final Path PAM_DIR = Path.of(System.getProperty("blockhost.pam.dir", "../../pam"));

    final int port;
    private final Process process;

    private LoopbackSshd(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static LoopbackSshd start(Path work, String wallet) throws Exception {
        Path module = PAM_DIR.resolve("build/pam_web3.so").toAbsolutePath();
        if (!Files.exists(module)) {
            run(List.of("make", "-s", "-C", PAM_DIR.toString()));
        }
        Files.createDirectories(work);
        run(List.of("sh", "-c", "id " + USER + " >/dev/null 2>&1 || useradd -M -d /tmp -s /bin/sh " + USER));
        run(List.of("usermod", "-c", "wallet=" + wallet, USER));
        int port = freePort();
        Path conf = write(work.resolve("pam_web3.conf"), "host = localhost\nchain_id = 31337\nmachine = blockhost-001\n"
                + "signing_url = http://localhost:8300/sign\n");
        write(Path.of("/etc/pam.d", SERVICE), "auth required " + module + " config=" + conf
                + "\naccount required pam_permit.so\nsession required pam_permit.so\n");
        Path hostKey = work.resolve("hostkey");
        Files.deleteIfExists(hostKey);
        Files.deleteIfExists(work.resolve("hostkey.pub"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        Path config = write(work.resolve("sshd_config"), "Include " + PAM_DIR.toAbsolutePath()
                + "/conf/sshd-pam_web3.conf\nPort " + port + "\nListenAddress 127.0.0.1\nHostKey " + hostKey
                + "\nPidFile " + work.resolve("sshd.pid") + "\nPubkeyAuthentication no\nStrictModes no\nUseDNS no\n"
                + "PrintMotd no\nAllowUsers " + USER + "\n");
        Path binary = work.resolve(SERVICE);
        Files.deleteIfExists(binary);
        Files.createSymbolicLink(binary, Path.of("/usr/sbin/sshd"));
        Files.createDirectories(Path.of("/run/sshd"));
        Process p = new ProcessBuilder(binary.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sshd.log").toFile()).start();
        LoopbackSshd sshd = new LoopbackSshd(port, p);
        sshd.awaitPort();
        return sshd;
    }

    private void awaitPort() throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(25);
            }
        }
        close();
        throw new IOException("sshd did not start on port " + port + " (see its log in the test work dir)");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(Path.of("/etc/pam.d", SERVICE));
        run(List.of("sh", "-c", "! id " + USER + " >/dev/null 2>&1 || userdel " + USER));
    }
}
