package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Reads the host wallet key: a regular file holding 64 hex digits (optional {@code 0x},
 * surrounding whitespace allowed) that others cannot read. Errors never include the content.
 */
public final class HostKeyFile {
    private HostKeyFile() {
    }

    public static Credentials read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("host key file " + file + " is missing or not a regular file");
        }
        checkPermissions(file);
        byte[] raw = Files.readAllBytes(file);
        char[] hex = null;
        try {
            hex = new String(raw, StandardCharsets.US_ASCII).trim().toCharArray();
            int start = hex.length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? 2 : 0;
            if (hex.length - start != 64) {
                throw new IOException("host key file " + file + " must hold exactly 64 hex digits");
            }
            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++) {
                key[i] = (byte) (digit(hex[start + 2 * i], file) << 4 | digit(hex[start + 2 * i + 1], file));
            }
            return credentials(key, file);
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (hex != null) {
                Arrays.fill(hex, '\0');
            }
        }
    }

    private static Credentials credentials(byte[] key, Path file) throws IOException {
        try {
            java.math.BigInteger k = new java.math.BigInteger(1, key);
            if (k.signum() == 0 || k.compareTo(org.web3j.crypto.Sign.CURVE_PARAMS.getN()) >= 0) {
                throw new IOException("host key in " + file + " is not a valid secp256k1 private key");
            }
            return Credentials.create(ECKeyPair.create(k));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static int digit(char c, Path file) throws IOException {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new IOException("host key file " + file + " holds a non-hex character");
        }
        return d;
    }

    private static void checkPermissions(Path file) throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)
                    || p.contains(PosixFilePermission.GROUP_WRITE)) {
                throw new IOException("host key file " + file + " is accessible to others (use mode 0600 or 0640)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
