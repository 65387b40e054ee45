package org.blockhost.test.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * The test engine's view of subscriptions at finality: {@code <state>/testplugins/chain.txt}, one
 * line per subscription, {@code id plan subscriber expiresEpochSeconds [cancelled]}, written by a
 * test. No line for the id: the chain has no such subscription. An unreadable or malformed file is
 * an "unavailable" chain, never a negative answer.
 */
final class ScriptedChain {
    private final Path file;

    ScriptedChain(Path stateDir) {
        this.file = stateDir.resolve("testplugins").resolve("chain.txt");
    }

    Optional<SubscriptionRecord> find(long id, long block) throws ChainUnavailableException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 4 && Long.parseLong(f[0]) == id) {
                    return Optional.of(new SubscriptionRecord(id, f[2], Long.parseLong(f[1]),
                            Instant.ofEpochSecond(Long.parseLong(f[3])), f.length > 4 && f[4].equals("cancelled"), block));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("test chain " + file + " unreadable: " + e.getMessage(), e);
        }
    }
}
