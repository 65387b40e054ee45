package org.blockhost.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * What every {@link Engine} must do, written against the API only (the EVM and OPNet engines run it):
 * address format and signed-message verification, head and finality, the watcher's delivery guarantees
 * (each event once with its cursor, resume from a persisted cursor, reorgs, outages), idempotent minting,
 * credential owners and updates, and the treasury. A subclass supplies a {@link Harness} on its test chain.
 */
public abstract class EngineContract {
    /** Marks input a refusal must not echo. */
    private static final String MARKER = "<b>echo-me</b>";

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

    // ---- address format

    @Test
    void addressesNormaliseToOneCanonicalFormThatRoundTrips() {
        AddressFormat format = harness().engine().addressFormat();
        for (int i = 1; i <= 3; i++) {
            String raw = harness().wallet(i);
            String canonical = format.normalise(raw);
            assertEquals(canonical, format.normalise(canonical), "normalise is idempotent");
            assertTrue(canonical.matches(format.pattern()), canonical + " matches " + format.pattern());
            assertTrue(format.isValid(raw) && format.isValid(canonical));
            assertNotEquals(canonical, format.normalise(harness().wallet(i % 3 + 1)), "wallets stay distinct");
        }
    }

    @Test
    void malformedAddressesAreRefusedWithoutEchoingThem() {
        AddressFormat format = harness().engine().addressFormat();
        String good = format.normalise(harness().wallet(1));
        List<String> bad = new ArrayList<>(List.of("", " ", "0x", MARKER, good + MARKER, MARKER + good,
                good.substring(0, good.length() - 1) + "\u0000", good + "00", good.substring(0, good.length() - 2),
                good.replace(good.charAt(good.length() - 1), 'g'), "x".repeat(10_000) + MARKER));
        for (String input : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.normalise(input),
                    () -> "refused: " + input);
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "says why");
            assertFalse(e.getMessage().contains(MARKER) || e.getMessage().contains("xxxxxxxx"), e.getMessage());
            assertFalse(format.isValid(input));
        }
        assertThrows(IllegalArgumentException.class, () -> format.normalise(null));
        assertFalse(format.isValid(null));
    }

    // ---- signed messages

    @Test
    void aSignedMessageRecoversItsSignerInCanonicalForm() throws Exception {
        Engine engine = harness().engine();
        String message = "BlockHost sign-in\nnonce: 7f3a";
        String signature = harness().sign(1, message);
        assertEquals(engine.addressFormat().normalise(harness().wallet(1)), engine.recoverSigner(message, signature));
        assertEquals(engine.addressFormat().normalise(harness().wallet(2)),
                engine.recoverSigner(message, harness().sign(2, message)));
    }

    @Test
    void garbageAndWrongSignersAreRefused() throws Exception {
        Engine engine = harness().engine();
        String signature = harness().sign(1, "pay 1");
        String wallet1 = engine.addressFormat().normalise(harness().wallet(1));
        assertNotSigner(engine, wallet1, "pay 2", signature);
        assertNotSigner(engine, wallet1, "pay 1", harness().sign(2, "pay 1"));
        String flipped = signature.substring(0, signature.length() - 3)
                + (signature.charAt(signature.length() - 3) == '0' ? '1' : '0') + signature.substring(signature.length() - 2);
        assertNotSigner(engine, wallet1, "pay 1", flipped);
        for (String garbage : List.of("", "0x", "0x1234", MARKER, "00".repeat(65), "0x" + "ff".repeat(65),
                signature + "00", signature.substring(0, signature.length() / 2), "x".repeat(20_000) + MARKER)) {
            InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
                    () -> engine.recoverSigner("pay 1", garbage), () -> "refused: " + garbage);
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "says why");
            assertFalse(e.getMessage().contains(MARKER) || e.getMessage().contains("xxxxxxxx"), e.getMessage());
        }
        assertThrows(InvalidSignatureException.class, () -> engine.recoverSigner("pay 1", null));
        assertThrows(InvalidSignatureException.class, () -> engine.recoverSigner(null, signature));
    }

    private static void assertNotSigner(Engine engine, String wallet, String message, String signature) {
        try {
            assertNotEquals(wallet, engine.recoverSigner(message, signature), "another signer");
        } catch (InvalidSignatureException refused) {
            assertFalse(refused.getMessage().isBlank());
        }
    }

    // ---- head and finality

    @Test
    void headAndFinalityOnlyMoveForward() throws Exception {
        Engine engine = harness().engine();
        ChainHead before = engine.head();
        assertEquals(norm(harness().blockHash(before.number())), norm(before.hash()), "the head's own hash");
        harness().mine(3);
        ChainHead after = engine.head();
        assertTrue(after.number() >= before.number() + 3, before + " -> " + after);
        assertTrue(after.finalizedNumber() >= before.finalizedNumber() && after.finalizedNumber() <= after.number());
        assertFalse(after.timestamp().isBefore(before.timestamp()));
        ChainHead again = engine.head();
        assertTrue(again.number() >= after.number() && again.finalizedNumber() >= after.finalizedNumber());
    }

    /** A purchase is read at finality only once its block is final; an id the chain never gave is empty. */
    @Test
    void aPurchaseIsReadAtFinalityOnceItsBlockIsFinal() throws Exception {
        Engine engine = harness().engine();
        long id = harness().buy(2);
        long bought = engine.head().number();
        for (int i = 0; i < 20 && engine.head().finalizedNumber() < bought; i++) {
            harness().mine((int) Math.max(1, bought - engine.head().finalizedNumber()));
        }
        ChainHead head = engine.head();
        assertTrue(head.finalizedNumber() >= bought, "the purchase's block became final: " + head);
        SubscriptionRecord record = engine.finalizedSubscription(id).orElseThrow();
        assertEquals(id, record.subscriptionId());
        assertEquals(engine.addressFormat().normalise(harness().wallet(2)), record.subscriber());
        assertFalse(record.cancelled());
        assertTrue(record.block() >= bought && record.block() <= head.number(), "read at a final block: " + record);
        assertEquals(Optional.empty(), engine.finalizedSubscription(id + 1_000_000));
    }

    // ---- watcher

    @Test
    void eachEventArrivesOnceWithTheCursorOfItsBatch() throws Exception {
        long first = harness().buy(1);
        long second = harness().buy(2);
        long head = harness().engine().head().number();
        RecordingSink sink = new RecordingSink();
        drain(harness().watcher(sink));
        assertEquals(1, sink.created(first), "purchase " + first + " once");
        assertEquals(1, sink.created(second), "purchase " + second + " once");
        assertTrue(sink.commits.size() > 1, "delivered in steps");
        ChainCursor cursor = sink.cursor(harness().engine().id()).orElseThrow();
        assertTrue(cursor.blockNumber() >= head, "the cursor reached the head");
        assertEquals(norm(harness().cursorHash(cursor.blockNumber())), norm(cursor.blockHash()), "the cursor's block");
        createdOnce(sink);
        ChainEvent.SubscriptionCreated created = sink.createdEvent(first);
        assertEquals(harness().engine().addressFormat().normalise(harness().wallet(1)), created.subscriber());
        assertEquals(norm(harness().blockHash(created.origin().blockNumber())), norm(created.origin().blockHash()));
    }

    @Test
    void aNewWatcherResumesFromThePersistedCursorWithoutDuplicates() throws Exception {
        long before = harness().buy(1);
        RecordingSink sink = new RecordingSink();
        Watcher first = harness().watcher(sink);
        first.poll();
        first.poll();
        assertTrue(sink.cursor(harness().engine().id()).isPresent(), "a cursor was persisted");
        long during = harness().buy(2);
        drain(harness().watcher(sink));
        long after = harness().buy(1);
        drain(harness().watcher(sink));
        for (long id : new long[] {before, during, after}) {
            assertEquals(1, sink.created(id), "purchase " + id + " once");
        }
        createdOnce(sink);
    }

    @Test
    void aReorgReportsTheForkPointAndDeliversTheReplacement() throws Exception {
        harness().mine(2);
        long id = harness().buy(1);
        RecordingSink sink = new RecordingSink();
        Watcher watcher = harness().watcher(sink);
        drain(watcher);
        ChainEvent.SubscriptionCreated removed = sink.createdEvent(id);
        long below = removed.origin().blockNumber() - 1;
        String keptHash = harness().blockHash(below);
        harness().reorg((int) (harness().engine().head().number() - below));
        long replacement = harness().buy(2);
        drain(watcher);
        assertEquals(1, sink.reorgs.size(), "one reorg: " + sink.reorgs);
        ChainCursor fork = sink.reorgs.get(0);
        assertTrue(fork.blockNumber() <= below, "fork point " + fork + " at or below " + below);
        assertEquals(norm(harness().cursorHash(fork.blockNumber())), norm(fork.blockHash()), "a canonical block");
        assertEquals(norm(keptHash), norm(harness().blockHash(below)));
        assertFalse(sink.events.contains(removed), "the removed purchase is rolled back");
        ChainEvent.SubscriptionCreated now = sink.createdEvent(replacement);
        assertEquals(harness().engine().addressFormat().normalise(harness().wallet(2)), now.subscriber());
        assertEquals(norm(harness().blockHash(now.origin().blockNumber())), norm(now.origin().blockHash()));
        createdOnce(sink);
    }

    @Test
    void anOutageIsUnknownNeverAnAnswerAndLosesNoEvent() throws Exception {
        Engine engine = harness().engine();
        long id = harness().buy(1);
        long token = mint(id, 1);
        RecordingSink sink = new RecordingSink();
        Watcher watcher = harness().watcher(sink);
        drain(watcher);
        int commits = sink.commits.size();
        Optional<ChainCursor> cursor = sink.cursor(engine.id());
        Optional<String> admin = engine.credentials().adminHolder();
        harness().outage(true);
        try {
            long during = harness().buy(2);
            assertUnknown(watcher::poll);
            assertUnknown(engine::head);
            assertUnknown(() -> engine.credentials().tokenOfSubscription(id));
            assertUnknown(() -> engine.credentials().ownerOf(token));
            assertUnknownOrKnown(() -> engine.credentials().adminHolder(), admin.orElse(null));
            assertUnknown(() -> engine.credentials().mint(id, harness().wallet(1), new byte[] {1}));
            assertUnknown(() -> engine.finalizedSubscription(id));
            assertEquals(commits, sink.commits.size(), "nothing committed");
            assertEquals(cursor, sink.cursor(engine.id()), "the cursor stayed");
            harness().outage(false);
            drain(watcher);
            assertEquals(1, sink.created(during), "the purchase made during the outage arrives once");
            createdOnce(sink);
            assertEquals(Optional.of(token), engine.credentials().tokenOfSubscription(id));
        } finally {
            harness().outage(false);
        }
    }

    // ---- credentials

    @Test
    void mintIsIdempotentPerSubscription() throws Exception {
        Engine engine = harness().engine();
        long id = harness().buy(1);
        assertEquals(Optional.empty(), engine.credentials().tokenOfSubscription(id));
        long writes = harness().hostWrites();
        long token = mint(id, 1);
        assertEquals(writes + 1, harness().hostWrites(), "one transaction");
        assertEquals(token, engine.credentials().mint(id, harness().wallet(1), new byte[] {9}));
        assertEquals(token, engine.credentials().mint(id, engine.addressFormat().normalise(harness().wallet(1)),
                new byte[] {9}));
        assertEquals(writes + 1, harness().hostWrites(), "nothing sent again");
        assertEquals(Optional.of(token), engine.credentials().tokenOfSubscription(id));
        assertEquals(engine.addressFormat().normalise(harness().wallet(1)), engine.credentials().ownerOf(token));
        assertArrayEquals(new byte[] {1, 2, 3}, harness().storedCredentials(token));
    }

    @Test
    void aMintToSomeoneElseIsRefusedNotRetried() throws Exception {
        long id = harness().buy(1);
        long writes = harness().hostWrites();
        ChainRejectedException e = assertThrows(ChainRejectedException.class,
                () -> mint(id, 2), "the contract refuses minting to another wallet than the subscriber");
        assertFalse(e.reason().isBlank());
        assertEquals(Optional.empty(), harness().engine().credentials().tokenOfSubscription(id));
        assertTrue(harness().hostWrites() <= writes + 1);
    }

    /** The admin credential is subscription 0's token, whatever token id the chain gave it. */
    @Test
    void theAdminHolderOwnsTheCredentialOfSubscriptionZero() throws Exception {
        CredentialIssuer credentials = harness().engine().credentials();
        assertEquals(credentials.tokenOfSubscription(0).isPresent(), credentials.adminHolder().isPresent());
        mint(harness().buy(1), 1); // a buyer's credential first, as on a chain where token ids are handed out in order
        long token = mint(0, 3);
        assertEquals(Optional.of(token), credentials.tokenOfSubscription(0));
        String holder = harness().engine().addressFormat().normalise(harness().wallet(3));
        assertEquals(holder, credentials.ownerOf(token));
        assertEquals(Optional.of(holder), credentials.adminHolder());
    }

    @Test
    void aTransferChangesTheOwnerAndIsDelivered() throws Exception {
        Engine engine = harness().engine();
        long token = mint(harness().buy(1), 1);
        RecordingSink sink = new RecordingSink();
        Watcher watcher = harness().watcher(sink);
        drain(watcher);
        harness().transfer(token, 1, 2);
        harness().mine(1);
        drain(watcher);
        String to = engine.addressFormat().normalise(harness().wallet(2));
        assertEquals(to, engine.credentials().ownerOf(token));
        List<ChainEvent.CredentialTransferred> moves = sink.events.stream()
                .filter(ChainEvent.CredentialTransferred.class::isInstance).map(ChainEvent.CredentialTransferred.class::cast)
                .filter(t -> t.tokenId() == token && t.to().equals(to)).toList();
        assertEquals(1, moves.size(), sink.events.toString());
        assertEquals(engine.addressFormat().normalise(harness().wallet(1)), moves.get(0).from());
    }

    @Test
    void updatedCredentialsAreStored() throws Exception {
        long token = mint(harness().buy(1), 1);
        byte[] fresh = "re-sealed credentials".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        harness().engine().credentials().updateCredentials(token, fresh);
        harness().mine(1);
        assertArrayEquals(fresh, harness().storedCredentials(token));
    }

    // ---- treasury

    @Test
    void treasuryNamesItsWalletAndItsBalances() throws Exception {
        Treasury treasury = harness().engine().treasury();
        AddressFormat format = harness().engine().addressFormat();
        assertEquals(format.normalise(treasury.address()), treasury.address(), "canonical host address");
        List<Treasury.Balance> balances = treasury.balances();
        assertFalse(balances.isEmpty(), "at least the native coin");
        assertEquals(balances.size(), balances.stream().map(b -> b.asset().toLowerCase(Locale.ROOT)).distinct().count());
        for (Treasury.Balance b : balances) {
            assertTrue(b.amount().signum() >= 0 && b.decimals() >= 0 && b.decimals() <= 36, b.toString());
            assertFalse(b.asset().isBlank());
        }
        assertTrue(balances.get(0).amount().signum() > 0, "the host wallet holds coin: " + balances.get(0));
    }

    // ---- helpers

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

    private static void createdOnce(RecordingSink sink) {
        List<Long> ids = sink.events.stream().filter(ChainEvent.SubscriptionCreated.class::isInstance)
                .map(e -> ((ChainEvent.SubscriptionCreated) e).subscriptionId()).toList();
        assertEquals(ids.stream().distinct().count(), ids.size(), "no purchase twice: " + ids);
    }

    @FunctionalInterface
    private interface ChainCall {
        Object call() throws Exception;
    }

    private static void assertUnknown(ChainCall call) {
        try {
            Object answer = call.call();
            fail("an outage gave an answer: " + answer);
        } catch (ChainRejectedException e) {
            fail("an outage is not a refusal: " + e.getMessage());
        } catch (ChainUnavailableException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
        } catch (Exception e) {
            fail("an outage is ChainUnavailableException, not " + e);
        }
    }

    /** As {@link #assertUnknown}, but a holder read just before may be repeated from a cache; "none" never. */
    private static void assertUnknownOrKnown(ChainCall call, String known) {
        if (known == null) {
            assertUnknown(call);
            return;
        }
        try {
            assertEquals(Optional.of(known), call.call(), "only what was known before the outage");
        } catch (ChainRejectedException e) {
            fail("an outage is not a refusal: " + e.getMessage());
        } catch (ChainUnavailableException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
        } catch (Exception e) {
            fail("an outage is ChainUnavailableException, not " + e);
        }
    }

    private static String norm(String hash) {
        return hash.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    }

    /**
     * Core's side of {@link ChainEventSink} as the contract needs it: events and cursor committed together
     * (every event in a batch at or below its cursor, above the previous one), a reorg removes the events above
     * the fork point and resets the cursor.
     */
    public static final class RecordingSink implements ChainEventSink {
        public final List<ChainEvent> events = new ArrayList<>();
        public final List<ChainCursor> commits = new ArrayList<>();
        public final List<ChainCursor> reorgs = new ArrayList<>();
        private ChainCursor cursor;

        @Override
        public synchronized void commit(String engineId, List<ChainEvent> batch, ChainCursor newCursor) {
            for (int i = 1; i < batch.size(); i++) {
                assertTrue(batch.get(i - 1).origin().blockNumber() <= batch.get(i).origin().blockNumber(), "chain order");
            }
            for (ChainEvent e : batch) {
                assertTrue(e.origin().blockNumber() <= newCursor.blockNumber(), e + " within its cursor " + newCursor);
                assertTrue(cursor == null || e.origin().blockNumber() > cursor.blockNumber(),
                        e + " above the previous cursor " + cursor);
            }
            assertTrue(cursor == null || newCursor.blockNumber() >= cursor.blockNumber(), "the cursor moves forward");
            events.addAll(batch);
            commits.add(newCursor);
            cursor = newCursor;
        }

        @Override
        public synchronized Optional<ChainCursor> cursor(String engineId) {
            return Optional.ofNullable(cursor);
        }

        @Override
        public synchronized List<ChainEvent> reorg(String engineId, ChainCursor forkPoint) {
            reorgs.add(forkPoint);
            events.removeIf(e -> e.origin().blockNumber() > forkPoint.blockNumber());
            cursor = forkPoint;
            return List.of();
        }

        synchronized long created(long id) {
            return events.stream().filter(isCreated(id)).count();
        }

        synchronized ChainEvent.SubscriptionCreated createdEvent(long id) {
            return (ChainEvent.SubscriptionCreated) events.stream().filter(isCreated(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no purchase " + id + " in " + Arrays.toString(events.toArray())));
        }

        private static Predicate<ChainEvent> isCreated(long id) {
            return e -> e instanceof ChainEvent.SubscriptionCreated c && c.subscriptionId() == id;
        }
    }
}
