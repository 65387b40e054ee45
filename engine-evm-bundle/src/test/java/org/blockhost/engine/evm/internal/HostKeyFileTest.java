package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostKeyFileTest {
    static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @TempDir
    Path dir;

    private Path write(String content, String mode) throws IOException {
        Path file = dir.resolve("host.key");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {KEY, "0x" + KEY, "  " + KEY + "\n", "0X" + KEY + "\r\n"})
    void readsHexWithOptionalPrefixAndWhitespace(String content) throws IOException {
        assertEquals(TestChain.address(0), HostKeyFile.read(write(content, "rw-------")).getAddress());
        assertEquals(TestChain.address(0), HostKeyFile.read(write(content, "rw-r-----")).getAddress());
    }

    static java.util.stream.Stream<String> malformed() {
        return java.util.stream.Stream.of("", "abcd", KEY + "00", "zz" + KEY.substring(2), "0".repeat(64),
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", KEY.substring(0, 63) + "\u00e9");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("malformed")
    void refusesMalformedKeysWithoutEchoingThem(String content) throws IOException {
        IOException e = assertThrows(IOException.class, () -> HostKeyFile.read(write(content, "rw-------")));
        if (!content.isEmpty()) {
            assertFalse(e.getMessage().contains(content), e.getMessage());
        }
    }

    @Test
    void refusesAFileOthersCanRead() throws IOException {
        Path file = write(KEY, "rw-r--r--");
        IOException e = assertThrows(IOException.class, () -> HostKeyFile.read(file));
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void refusesMissingFilesAndSymlinks() throws IOException {
        assertThrows(IOException.class, () -> HostKeyFile.read(dir.resolve("nope")));
        Path target = write(KEY, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link.key"), target);
        assertThrows(IOException.class, () -> HostKeyFile.read(link));
    }
}
