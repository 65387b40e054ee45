package org.blockhost.crypto.internal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;

/**
 * {@code blockhost sign --key-file FILE}: signs the text on stdin with EIP-191 {@code personal_sign}
 * and prints the 65-byte signature as {@code 0x…} hex, for SSH logins without a browser wallet.
 * With {@code --address} it prints the key's EIP-55 address instead (pam_web3 asks for it first).
 * One trailing newline of the input is dropped (the sign-in message never ends with one). The key
 * file holds the private key as hex; it must not be readable by others, and the key never appears
 * on the command line or in output.
 */
final class SignCommand {
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private SignCommand() {
    }

    static int run(String[] args, BufferedReader in, PrintStream out) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean address = rest.remove("--address");
        String keyFile = CryptoMain.options(rest.toArray(String[]::new), "--key-file").get("--key-file");
        if (keyFile == null) {
            throw new UsageException("missing option --key-file");
        }
        if (address) {
            byte[] key = readKey(Path.of(keyFile));
            try {
                out.println(Address.fromPrivateKey(key).toChecksumString());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            return CryptoMain.OK;
        }
        String message = readMessage(in);
        byte[] key = readKey(Path.of(keyFile));
        try {
            out.println(Hex.encodePrefixed(PersonalSign.sign(key, message.getBytes(StandardCharsets.UTF_8)).toBytes()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return CryptoMain.OK;
    }

    static String readMessage(BufferedReader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            text.append(buffer, 0, n);
            if (text.length() > MAX_MESSAGE_CHARS) {
                throw new IllegalArgumentException("message on stdin is longer than " + MAX_MESSAGE_CHARS + " characters");
            }
        }
        if (text.length() > 0 && text.charAt(text.length() - 1) == '\n') {
            text.setLength(text.length() - 1);
        }
        if (text.length() == 0) {
            throw new UsageException("no message on stdin");
        }
        return text.toString();
    }

    static byte[] readKey(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("key file " + file + " does not exist or is not a regular file");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException("key file " + file + " is accessible by others; chmod o-rw it first");
        }
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        Arrays.fill(raw, (byte) 0);
        if (!text.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("key file " + file + " must hold a 32-byte private key as hex");
        }
        return Hex.decode(text);
    }
}
