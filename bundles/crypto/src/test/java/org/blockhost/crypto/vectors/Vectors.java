package org.blockhost.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Locates ../shared/vectors (system property blockhost.vectors) and tallies results per file. */
final class Vectors {
    static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    static Path dir() {
        String p = System.getProperty("blockhost.vectors");
        if (p == null || p.isEmpty()) {
            fail("system property blockhost.vectors is not set (run through Maven, or pass -Dblockhost.vectors=<repo>/../shared/vectors)");
        }
        Path dir = Paths.get(p).normalize();
        assertTrue(Files.isDirectory(dir), "test vector directory is missing: " + dir);
        return dir;
    }

    static Path file(String relative) {
        Path f = dir().resolve(relative);
        assertTrue(Files.isRegularFile(f), "test vector file is missing: " + f);
        return f;
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + relative + ": " + e.getMessage(), e);
        }
    }

    /** Per-file tally: valid cases accepted, invalid cases rejected, failures listed. */
    static final class Tally {
        private final String file;
        private int validPassed;
        private int invalidPassed;
        private int skipped;
        private final List<String> failures = new ArrayList<>();

        Tally(String file) {
            this.file = file;
        }

        void check(String caseId, boolean expectValid, boolean actualValid) {
            if (expectValid == actualValid) {
                if (expectValid) {
                    validPassed++;
                } else {
                    invalidPassed++;
                }
            } else {
                failures.add(caseId + (expectValid ? " (valid case rejected)" : " (invalid case accepted)"));
            }
        }

        void pass(String caseId, boolean expectValid) {
            check(caseId, expectValid, expectValid);
        }

        void failCase(String caseId, String why) {
            failures.add(caseId + " (" + why + ")");
        }

        void skip() {
            skipped++;
        }

        void report() {
            int passed = validPassed + invalidPassed;
            System.out.printf("VECTORS %-45s %4d passed (%d valid accepted, %d invalid rejected), %d failed, %d skipped (not in profile)%n",
                file, passed, validPassed, invalidPassed, failures.size(), skipped);
            if (!failures.isEmpty()) {
                fail(file + ": " + failures.size() + " failed: " + failures);
            }
            assertTrue(passed > 0, file + ": no cases ran");
        }
    }
}
