package org.blockhost.crypto.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    /** From shared/vectors/ethers/personal_sign.json ("hello world"). */
    private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String SIGNATURE = "0xddd0a7290af9526056b4e35a077b9a11b513aa0028ec6c9880948544508f3c63"
            + "265e99e47ad31bb2cab9646c504576b3abc6939a1710afc08cbf3034d73214b81c";

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result sign(Path keyFile, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CryptoMain.run(new String[] {"sign", "--key-file", keyFile.toString()},
                new BufferedReader(new StringReader(stdin)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path keyFile(String content, String perms) throws Exception {
        Path f = dir.resolve("wallet.key");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void signsStdinLikeEthersAndDropsOneTrailingNewline() throws Exception {
        Path key = keyFile(KEY + "\n", "rw-------");
        assertEquals(new Result(0, SIGNATURE + "\n", ""), sign(key, "hello world\n"));
        assertEquals(SIGNATURE + "\n", sign(key, "hello world").out());
    }

    @Test
    void printsTheKeysAddressForPamWeb3sWalletPrompt() throws Exception {
        Path key = keyFile(KEY + "\n", "rw-------");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CryptoMain.run(new String[] {"sign", "--address", "--key-file", key.toString()},
                new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, exit);
        assertEquals("0x14791697260E4c9A71f18484C9f997B308e59325\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesKeyFilesOthersCanReadAndMalformedKeys() throws Exception {
        Result open = sign(keyFile(KEY, "rw-r--r--"), "hello");
        assertEquals(1, open.exit());
        assertTrue(open.err().contains("accessible by others"), open.err());
        Result bad = sign(keyFile("not a key", "rw-------"), "hello");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("must hold a 32-byte private key") && !bad.err().contains("not a key"), bad.err());
        assertEquals(2, sign(keyFile(KEY, "rw-------"), "").exit(), "no message is a usage error");
    }
}
