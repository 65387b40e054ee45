package org.blockhost.provisioner.proxmox.internal.pve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A Proxmox VE API token: the token id ({@code user@realm!name}, configuration) and its secret
 * (read from a key file). The secret is only ever put into the {@code Authorization} header:
 * {@link #toString()} shows the id alone, and the secret is compared nowhere.
 */
public final class ApiToken {
    /** {@code user@realm!tokenname} as PVE accepts it. */
    public static final Pattern ID = Pattern.compile("[^\\s:/@!]{1,64}@[A-Za-z][A-Za-z0-9._-]{0,31}![A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9-]{8,128}");
    private static final long MAX_FILE = 4096;
    private final String id;
    private final String secret;

    private ApiToken(String id, String secret) {
        this.id = id;
        this.secret = secret;
    }

    /**
     * Reads the secret from {@code keyFile} (one line, the token's UUID; surrounding white space
     * ignored). Errors name the file, never its content.
     */
    public static ApiToken fromKeyFile(String id, Path keyFile) throws IOException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("tokenId must look like user@realm!name");
        }
        if (Files.size(keyFile) > MAX_FILE) {
            throw new IOException("token key file " + keyFile + " is too large");
        }
        String s = new String(Files.readAllBytes(keyFile), StandardCharsets.UTF_8).strip();
        if (!validSecret(s)) {
            throw new IOException("token key file " + keyFile + " does not hold a token secret (8-128 of A-Z a-z 0-9 -)");
        }
        return new ApiToken(id, s);
    }

    /** A token from a secret typed into the wizard (checked before anything is stored). */
    public static ApiToken of(String id, String secret) {
        if (id == null || !ID.matcher(id).matches() || !validSecret(secret)) {
            throw new IllegalArgumentException("token id or secret malformed");
        }
        return new ApiToken(id, secret);
    }

    /** Whether {@code s} has the shape of a token secret (a UUID: 8-128 of A-Z a-z 0-9 -). */
    public static boolean validSecret(String s) {
        return s != null && SECRET.matcher(s).matches();
    }

    /** The token id, e.g. {@code blockhost@pve!provisioner}. */
    public String id() {
        return id;
    }

    /** The {@code Authorization} header value. */
    String header() {
        return "PVEAPIToken=" + id + "=" + secret;
    }

    @Override
    public String toString() {
        return "ApiToken[" + id + "]";
    }
}
