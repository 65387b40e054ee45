package org.blockhost.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;

/**
 * A wallet whose private key is read from a key file: 64 hex digits with an optional {@code 0x},
 * surrounding white space allowed; the file must be a regular file (not a symlink) that group and
 * others cannot access. The key never leaves this object: not in {@code toString}, not in an error.
 * {@link #close()} wipes it.
 */
public final class DemoWallet implements AutoCloseable {
    private static final Set<PosixFilePermission> PRIVATE_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final byte[] key;
    private final Address address;
    private final Path file;

    private DemoWallet(byte[] key, Path file) {
        this.key = key;
        this.address = Address.fromPrivateKey(key);
        this.file = file;
    }

    /** Loads the key file; fails with a clear message (naming the file, never its content). */
    public static DemoWallet fromKeyFile(Path file) {
        checkFile(file);
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DemoException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        Arrays.fill(raw, (byte) 0);
        if (!text.matches("(0[xX])?[0-9a-fA-F]{64}")) {
            throw new DemoException("key file " + file + " must hold a private key as 64 hex digits (0x optional)");
        }
        byte[] key = Hex.decode(text.substring(text.length() - 64));
        if (!Secp256k1.isValidPrivateKey(key)) {
            Arrays.fill(key, (byte) 0);
            throw new DemoException("key file " + file + " does not hold a valid secp256k1 private key");
        }
        return new DemoWallet(key, file.toAbsolutePath());
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DemoException("key file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DemoException("key file " + file + " must be a regular file (not a symlink or directory)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!PRIVATE_ONLY.containsAll(perms)) {
                throw new DemoException("key file " + file + " is accessible by group or others; run chmod 600 "
                        + file);
            }
        } catch (IOException e) {
            throw new DemoException("cannot check the permissions of key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The wallet's address. */
    public Address address() {
        return address;
    }

    /** The key file this wallet was read from (absolute). */
    public Path keyFile() {
        return file;
    }

    /** EIP-191 {@code personal_sign} of a UTF-8 text (RFC 6979, deterministic). */
    public EthSignature sign(String message) {
        return PersonalSign.sign(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /** The access key pair k/K for this stack (DESIGN.md "Access key"); close it to wipe k. */
    public AccessKeyPair accessKey(DevStack stack) {
        return AccessKey.derive(sign(AccessKey.message(stack.host(), stack.chainId(), stack.credential())));
    }

    /** The key as web3j transaction credentials (for signing transactions only). */
    org.web3j.crypto.Credentials transactionSigner() {
        return org.web3j.crypto.Credentials.create(org.web3j.crypto.ECKeyPair.create(new BigInteger(1, key)));
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "DemoWallet[" + address.toChecksumString() + "]";
    }
}
