package org.blockhost.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * What every {@link Engine} must do, written against the API only (the EVM and OPNet engines run it):
 * address format and signed-message verification, head and finality, the watcher's delivery guarantees
 * (each event once with its cursor, resume from a persisted cursor, reorgs, outages), idempotent minting,
 * credential owners and updates, and the treasury. A subclass supplies a {@link Harness} on its test chain.
 */
public abstract class EngineContract extends EngineContractWatching {
    /** Marks input a refusal must not echo. */
    private static final String MARKER = "<b>echo-me</b>";

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
        EngineContractSink sink = new EngineContractSink();
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
}
