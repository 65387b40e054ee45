package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean recompilation of the contracts yields byte-identical ABI and bytecode files. */
class ContractBuildReproducibleTest {
    @TempDir
    Path fresh;

    @Test
    void cleanRebuildIsByteIdentical() throws Exception {
        Path contracts = Path.of(System.getProperty("blockhost.evm.contracts.dir", "contracts"));
        Path built = Path.of(System.getProperty("blockhost.evm.contracts.out", "target/classes/contracts"));
        Process node = new ProcessBuilder("node", "compile.js", fresh.toString()).directory(contracts.toFile())
                .redirectErrorStream(true).redirectOutput(new File("target/compile-again.log")).start();
        assertTrue(node.waitFor(3, TimeUnit.MINUTES), "compile.js timed out");
        assertEquals(0, node.exitValue(), "compile.js failed, see target/compile-again.log");
        List<String> names = list(built);
        assertEquals(9, names.size(), "4 ABIs, 4 bytecodes and the manifest: " + names);
        assertEquals(names, list(fresh));
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(built.resolve(name)), Files.readAllBytes(fresh.resolve(name)), name);
        }
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
