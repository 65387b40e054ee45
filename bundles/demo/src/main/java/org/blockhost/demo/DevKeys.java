package org.blockhost.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Key files of anvil's well-known dev accounts (derived from anvil's public default mnemonic; they
 * hold test ether on every anvil chain and must never be used anywhere else).
 */
public final class DevKeys {
    /** Accounts 1 to 4 of anvil's default mnemonic (account 0 is left to deployments). */
    private static final String[] ANVIL_KEYS = {
        null,
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    };

    private DevKeys() {
    }

    /** {@code <home>/keys/wallet-<account>.key}. */
    public static Path anvilKeyFile(Path home, int account) {
        return home.resolve("keys").resolve("wallet-" + account + ".key");
    }

    /**
     * Writes anvil dev account {@code account} (1 to 4) to {@link #anvilKeyFile} with mode 0600 if
     * the file is absent. Returns true when it wrote the file, false when it already existed.
     */
    public static boolean ensureAnvilKeyFile(Path home, int account) {
        if (account < 1 || account >= ANVIL_KEYS.length) {
            throw new DemoException("anvil dev account must be 1 to " + (ANVIL_KEYS.length - 1));
        }
        Path file = anvilKeyFile(home, account);
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            try (SeekableByteChannel out = Files.newByteChannel(file,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                out.write(ByteBuffer.wrap((ANVIL_KEYS[account] + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new DemoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
