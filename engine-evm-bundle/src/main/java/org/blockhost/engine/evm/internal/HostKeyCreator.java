package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.web3j.crypto.Sign;

/**
 * Creates a fresh secp256k1 host key and stores it, either through the root agent's
 * {@code key-write} action (the key travels only in its secret {@code content} parameter) or, in
 * dev mode, as a 0600 file. An existing file is never overwritten. Messages never hold the key.
 */
final class HostKeyCreator {
    static final String KEY_NAME = "evm-host";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostKeyCreator() {
    }

    /** Writes a new key through the root agent; returns the path the agent wrote. */
    static Path viaRootAgent(RootAgent agent) throws IOException {
        char[] hex = newKeyHex();
        try {
            Map<String, Object> result = agent.call("key-write",
                    Map.of("name", KEY_NAME, "content", new String(hex) + "\n", "overwrite", false));
            Object path = result.get("path");
            if (!(path instanceof String p) || p.isBlank()) {
                throw new IOException("the root agent's key-write returned no path");
            }
            return Path.of(p);
        } catch (RootAgentException e) {
            throw new IOException("the root agent refused to write the host key: " + e.getMessage());
        } finally {
            Arrays.fill(hex, '\0');
        }
    }

    /** Writes a new key to {@code file} (mode 0600, created, never replaced). */
    static void toFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        byte[] bytes = null;
        char[] hex = newKeyHex();
        try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))) {
            bytes = StandardCharsets.US_ASCII.encode(java.nio.CharBuffer.wrap(hex)).array();
            OutputStream out = Channels.newOutputStream(ch);
            out.write(bytes, 0, 64);
            out.write('\n');
            ch.force(true);
        } finally {
            Arrays.fill(hex, '\0');
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        try {
            Files.createLink(file, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** 64 lower-case hex digits of a uniformly drawn valid private key (1 ≤ k < n). */
    static char[] newKeyHex() {
        byte[] key = new byte[32];
        try {
            BigInteger k;
            do {
                RANDOM.nextBytes(key);
                k = new BigInteger(1, key);
            } while (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0);
            char[] hex = new char[64];
            for (int i = 0; i < 32; i++) {
                hex[2 * i] = HexFormat.of().toLowHexDigit(key[i] >> 4);
                hex[2 * i + 1] = HexFormat.of().toLowHexDigit(key[i]);
            }
            return hex;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
