package org.blockhost.app.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliClientAnswersTest {
    @TempDir
    Path dir;

    @Test
    void theClientSendsTheAnswersTextNotThePath() throws IOException {
        Files.writeString(dir.resolve("a.cfg"), "evm.rpcUrl = http://127.0.0.1:8545\n");
        assertEquals(List.of("setup", "--answers-content", dir.resolve("a.cfg").toString(),
                "evm.rpcUrl = http://127.0.0.1:8545\n"), CliClient.withAnswersText(List.of("setup", "--answers", "a.cfg"), dir));
        List<String> other = List.of("setup", "status", "--json");
        assertEquals(other, CliClient.withAnswersText(other, dir));
    }

    @Test
    void missingDirectoryOrHugeFilesAreRefusedWithoutTheirText() throws IOException {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("big"), "k = " + "v".repeat(CliClient.MAX_ANSWERS_BYTES));
        for (String name : List.of("none.cfg", "d", "big")) {
            IOException e = assertThrows(IOException.class,
                    () -> CliClient.withAnswersText(List.of("setup", "--answers", name), dir));
            assertTrue(e.getMessage().startsWith("cannot read answers file " + dir.resolve(name)), e.getMessage());
            assertFalse(e.getMessage().contains("vvvv"), e.getMessage());
        }
    }
}
