package org.blockhost.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The harness an engine's contract test supplies and the helpers of {@link EngineContract}'s tests.
 */
public abstract class EngineContractBase {
    /** The engine's test chain, shared by a test class (tests must not rely on each other's order). */
    protected abstract Harness harness();

    /** The chain of an engine under test: the engine, a watcher of its kind, and what wallets do on chain. */
    public interface Harness {
        /** The engine under test; its reads and writes go to the node {@link #outage} takes down. */
        Engine engine();

        /**
         * A fresh watcher of the engine's kind on that node feeding {@code sink}: 0 confirmations, 2 blocks a step;
         * without a cursor in {@code sink} it starts 16 blocks below the head (every test's chain activity is newer).
         */
        Watcher watcher(ChainEventSink sink);

        /** Test wallet {@code i} (1..3) as the chain writes it (not necessarily canonical). */
        String wallet(int i);

        /** Wallet {@code i}'s signature of {@code message} in the engine's textual encoding. */
        String sign(int i, String message) throws Exception;

        /** Wallet {@code i} buys a subscription, mined in a new block; its id. */
        long buy(int i) throws Exception;

        /** The owner of {@code tokenId}, wallet {@code from}, gives it to wallet {@code to}, mined. */
        void transfer(long tokenId, int from, int to) throws Exception;

        /** Mines {@code blocks} blocks, including anything the engine sent. */
        void mine(int blocks) throws Exception;

        /** Replaces the last {@code depth} blocks with as many empty blocks of another fork. */
        void reorg(int depth) throws Exception;

        /** Takes the engine's node down or brings it back; the harness's own chain access keeps working. */
        void outage(boolean down) throws Exception;

        /** Transactions the host wallet has sent so far. */
        long hostWrites() throws Exception;

        /** The credentials the chain holds for {@code tokenId} now. */
        byte[] storedCredentials(long tokenId) throws Exception;

        /** The canonical block hash at {@code height}, read by the harness. */
        String blockHash(long height) throws Exception;

        /**
         * What a cursor at the canonical block {@code height} carries as its hash (core stores it as opaque text):
         * the block hash (the default), or that and more the engine commits to.
         */
        default String cursorHash(long height) throws Exception {
            return blockHash(height);
        }
    }

    /** One step of a watcher: true when there is more to do right away. */
    @FunctionalInterface
    public interface Watcher {
        boolean poll() throws ChainUnavailableException;
    }

    /** Mints subscription {@code id}'s credential ({1,2,3}) to wallet {@code owner}, mining while it is in flight. */
    protected long mint(long id, int owner) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return harness().engine().credentials().mint(id, harness().wallet(owner), new byte[] {1, 2, 3});
            } catch (ChainRejectedException e) {
                throw e;
            } catch (ChainUnavailableException inFlight) {
                harness().mine(1);
            }
        }
        return fail("subscription " + id + "'s credential was not minted after 10 blocks");
    }

    protected static void drain(Watcher watcher) throws ChainUnavailableException {
        int guard = 0;
        while (watcher.poll()) {
            assertTrue(++guard < 10_000, "the watcher settles");
        }
    }

    static void createdOnce(EngineContractSink sink) {
        List<Long> ids = sink.events.stream().filter(ChainEvent.SubscriptionCreated.class::isInstance)
                .map(e -> ((ChainEvent.SubscriptionCreated) e).subscriptionId()).toList();
        assertEquals(ids.stream().distinct().count(), ids.size(), "no purchase twice: " + ids);
    }

    @FunctionalInterface
    interface ChainCall {
        Object call() throws Exception;
    }

    static void assertUnknown(ChainCall call) {
        assertUnknownOrKnown(call, null);
    }

    /**
     * During an outage {@code call} is "unavailable"; with {@code known} (a holder read just before) it may repeat
     * that from a cache, but never anything else ("none" included).
     */
    static void assertUnknownOrKnown(ChainCall call, String known) {
        try {
            Object answer = call.call();
            assertTrue(known != null, "an outage gave an answer: " + answer);
            assertEquals(Optional.of(known), answer, "only what was known before the outage");
        } catch (ChainRejectedException e) {
            fail("an outage is not a refusal: " + e.getMessage());
        } catch (ChainUnavailableException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
        } catch (Exception e) {
            fail("an outage is ChainUnavailableException, not " + e);
        }
    }

    static String norm(String hash) {
        return hash.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    }
}
