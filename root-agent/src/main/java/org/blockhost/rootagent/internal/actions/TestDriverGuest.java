package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * libvirt's test driver has no guests: what a guest would be told is recorded instead, so dev mode
 * and the end-to-end tests can see the effect. Every command's argument vector is appended as a JSON
 * array to {@code <dir>/<vm>.guest}; {@code usermod -c <gecos>} also writes {@code <dir>/<vm>.gecos},
 * which {@code getent passwd} then reports. Its model guest has finished its first boot as soon as
 * the domain runs (every other command exits 0) and has an ed25519 SSH host key made on first
 * asking ({@code <dir>/<vm>.hostkey}, the public half only: nobody logs in to it), made anew by
 * vm-assign's script (which also writes the buyer's GECOS as the real script would). A command's
 * standard input is appended to {@code <dir>/<vm>.stdin} (for example the login banner and the
 * {@code wall} messages of vm-expiry-notice). Like a real guest
 * agent, it answers only while the domain runs.
 */
final class TestDriverGuest implements GuestExec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_LOG = 1 << 20;
    private final Path dir;
    private final Domain domain;
    private final String vm;

    TestDriverGuest(Path dir, Domain domain, String vm) {
        this.dir = dir;
        this.domain = domain;
        this.vm = vm;
    }

    @Override
    public Result run(Command c) throws ActionException {
        try {
            if (domain.isActive() != 1) {
                throw ActionException.failed("guest agent: domain " + vm + " is not running");
            }
            Files.createDirectories(dir);
            append(c);
            if (c.path().equals("/usr/bin/getent")) {
                Path gecos = dir.resolve(vm + ".gecos");
                return Files.exists(gecos, LinkOption.NOFOLLOW_LINKS) ? new Result(0, c.args().get(1) + ":x:1000:1000:"
                        + SmallFiles.read(gecos).strip() + ":/home/" + c.args().get(1) + ":/bin/bash\n") : new Result(2, "");
            }
            if (c.path().equals("/usr/bin/cat") && c.args().equals(java.util.List.of(GuestReady.HOST_KEY))) {
                return new Result(0, hostKey() + " root@" + vm + "\n");
            }
            if (c.path().equals("/bin/sh") && c.args().size() > 1 && c.args().get(1).equals(GuestAssign.SCRIPT)) {
                return assign(c.args());
            }
            if (c.path().equals("/usr/sbin/usermod")) {
                SmallFiles.replace(dir, vm + ".gecos", c.args().get(1) + "\n");
            }
            return new Result(0, "");
        } catch (LibvirtException e) {
            throw ActionException.failed("guest agent: " + LibvirtGateway.msg(e));
        } catch (IOException e) {
            throw ActionException.failed("test driver: cannot record the guest command: " + e.getMessage());
        }
    }

    /**
     * vm-assign's script on the model guest: a new host key, and the buyer's GECOS when the account
     * holds no wallet or this one, another wallet's account locked (as the script does); answers the
     * new public key.
     */
    private Result assign(java.util.List<String> args) throws IOException {
        Files.deleteIfExists(dir.resolve(vm + ".hostkey"));
        if (args.size() == 6) {
            Path file = dir.resolve(vm + ".gecos");
            String now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? SmallFiles.read(file).strip() : SeedTemplates.POOL_GECOS;
            String gecos = args.get(5);
            if (now.equals(SeedTemplates.POOL_GECOS) || now.startsWith(gecos.substring(0, gecos.indexOf(',') + 1))) {
                SmallFiles.replace(dir, vm + ".gecos", gecos + "\n");
            } else if (now.startsWith("wallet=")) {
                SmallFiles.replace(dir, vm + ".gecos", GuestOwner.TRANSFER_GECOS + "\n");
            }
        }
        return new Result(0, hostKey() + " root@" + vm + "\n");
    }

    /** The model guest's host key, made once per VM. */
    private String hostKey() throws IOException {
        Path file = dir.resolve(vm + ".hostkey");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            SmallFiles.replace(dir, vm + ".hostkey", newHostKey() + "\n");
        }
        return SmallFiles.read(file).strip();
    }

    static String newHostKey() throws IOException {
        try {
            byte[] x509 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(blob);
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(raw.length);
            out.write(raw);
            return "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(blob.toByteArray());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no Ed25519 in this JVM");
        }
    }

    private void append(Command c) throws IOException {
        if (c.input() != null) {
            appendTo(dir.resolve(vm + ".stdin"), c.input());
        }
        String line;
        try {
            line = JSON.writeValueAsString(c.argv()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IOException("unencodable command");
        }
        appendTo(dir.resolve(vm + ".guest"), line);
    }

    private static void appendTo(Path log, String line) throws IOException {
        if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) && Files.size(log) > MAX_LOG) {
            Files.delete(log);
        }
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
}
