package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoWalletTest {
    static final String KEY1 = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String ADDRESS1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    @TempDir
    Path dir;

    Path write(String content, String mode) throws Exception {
        Path f = dir.resolve("k-" + System.nanoTime());
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {KEY1, "0x" + KEY1, "  0X" + KEY1 + "\n\n", KEY1 + "\r\n"})
    void acceptsHexWithOptionalPrefixAndWhiteSpace(String content) throws Exception {
        try (DemoWallet w = DemoWallet.fromKeyFile(write(content, "rw-------"))) {
            assertEquals(ADDRESS1, w.address().toChecksumString());
            assertFalse(w.toString().contains(KEY1.substring(0, 16)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "r--r--r--", "rw-----w-"})
    void refusesFilesThatGroupOrOthersCanAccess(String mode) throws Exception {
        Path f = write(KEY1, mode);
        DemoException e = assertThrows(DemoException.class, () -> DemoWallet.fromKeyFile(f));
        assertEquals("key file " + f + " is accessible by group or others; run chmod 600 " + f, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0x", "zzc6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", KEY1 + "00", KEY1 + " extra",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"})
    void refusesAnythingButOneValidPrivateKey(String content) throws Exception {
        Path f = write(content, "rw-------");
        DemoException e = assertThrows(DemoException.class, () -> DemoWallet.fromKeyFile(f));
        assertTrue(e.getMessage().startsWith("key file " + f), e.getMessage());
        assertFalse(content.strip().length() >= 8 && e.getMessage().contains(content.strip()), "no key material in the message");
    }

    @Test
    void refusesMissingFilesSymlinksAndDirectories() throws Exception {
        Path target = write(KEY1, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertEquals("key file " + link + " must be a regular file (not a symlink or directory)",
                assertThrows(DemoException.class, () -> DemoWallet.fromKeyFile(link)).getMessage());
        assertEquals("key file " + dir.resolve("none") + " does not exist",
                assertThrows(DemoException.class, () -> DemoWallet.fromKeyFile(dir.resolve("none"))).getMessage());
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThrows(DemoException.class, () -> DemoWallet.fromKeyFile(sub));
    }

    @Test
    void signsDeterministicallyAndDerivesTheAccessKeyOfDesignMd() throws Exception {
        DevStack stack = DevStack.parse(DevStackTest.GOOD, "x");
        try (DemoWallet w = DemoWallet.fromKeyFile(write(KEY1, "r--------"))) {
            assertEquals(w.address(), PersonalSign.recover("hello", w.sign("hello")));
            assertEquals(w.sign("hello"), w.sign("hello"));
            String message = AccessKey.message("localhost", 31337, stack.credential());
            try (var pair = w.accessKey(stack)) {
                assertEquals(org.blockhost.crypto.api.Hex.encode(AccessKey.publicKey(w.sign(message))),
                        org.blockhost.crypto.api.Hex.encode(pair.publicKey()));
            }
        }
    }

    @Test
    void devKeysWritesAnvilAccountsOnceWithMode0600() throws Exception {
        String[] addresses = {null, ADDRESS1, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
            "0x90F79bf6EB2c4f870365E785982E1f101E93b906", "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"};
        for (int i = 1; i <= 4; i++) {
            assertTrue(DevKeys.ensureAnvilKeyFile(dir, i));
            Path f = DevKeys.anvilKeyFile(dir, i);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            try (DemoWallet w = DemoWallet.fromKeyFile(f)) {
                assertEquals(Address.parse(addresses[i]), w.address());
            }
            assertFalse(DevKeys.ensureAnvilKeyFile(dir, i), "never overwritten");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))));
        assertThrows(DemoException.class, () -> DevKeys.ensureAnvilKeyFile(dir, 0));
        assertThrows(DemoException.class, () -> DevKeys.ensureAnvilKeyFile(dir, 5));
    }
}
