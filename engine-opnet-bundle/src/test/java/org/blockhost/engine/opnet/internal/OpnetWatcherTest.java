package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.RpcFixture.tx;
import static org.blockhost.engine.opnet.internal.VmRecording.VM;
import static org.blockhost.engine.opnet.internal.VmRecording.blocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher on {@link RpcFixture} blocks made of what the OP_NET VM did with our contracts ({@link VmRecording}:
 * events, reverts, the token's events of a purchase); Java-made events only where a test needs input the VM never
 * emits (a foreign contract using our event name, truncated or out-of-range data).
 */
class OpnetWatcherTest {
    private static final String SUBS = VM.subscriptions();
    private static final String CRED = VM.credential();
    private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String KEY_2 = "03c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";
    /** The VM's median time in the recording: 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600L;
    private static final long DAY = 86_400L;
    private RpcFixture node;
    private MemorySink sink;

    @BeforeEach
    void start() throws Exception {
        node = new RpcFixture();
        sink = new MemorySink();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private OpnetWatcher watcher(int confirmations, int maxBlocks) {
        OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
        return new OpnetWatcher("opnet", rpc, sink, new EventDecoder(SUBS, CRED),
                new OpnetWatcher.Settings(confirmations, 1, maxBlocks, 16));
    }

    private static void drain(OpnetWatcher w) throws ChainUnavailableException {
        for (int i = 0; i < 100 && w.poll(); i++) {
            // until caught up
        }
    }

    /** The first {@code n} transactions of {@code branch} in one block. */
    private void mine(String branch, int n) {
        node.mine(blocks(VM.branch(branch).subList(0, n)));
    }

    private static ChainEvent.SubscriptionCreated created(ChainEvent e) {
        return (ChainEvent.SubscriptionCreated) e;
    }

    @Test
    void decodesOurEventsAtConfirmationsAndIgnoresTheRest() throws Exception {
        node.mineEmpty(2);
        List<VmRecording.Tx> main = VM.branch("main");
        List<com.fasterxml.jackson.databind.node.ObjectNode> txs = new ArrayList<>(blocks(main));
        // Java-made: another contract emitting our event type (the recording has no such contract)
        txs.add(tx("ab".repeat(32), false, new Object[] {"0x" + "77".repeat(32), "SubscriptionCreated", new byte[3]}));
        node.mine(txs); // setup (token, plan, admin mint), buys, a reverted buy, extend, mint, re-key, transfer, update, cancel, destroy
        OpnetWatcher w = watcher(2, 10);
        drain(w);
        assertEquals(List.of(), sink.events, "block 3 has 0 confirmations of the 2 needed");
        node.mineEmpty(2);
        drain(w);
        List<ChainEvent> e = sink.events;
        assertEquals(6, e.size(), e.toString());
        ChainEvent.SubscriptionCreated c = created(e.get(0));
        String buy1 = VM.tx("main", "buy 1").id();
        assertEquals(List.of(1L, 1L, VM.wallet(1), Instant.ofEpochSecond(T0 + 30 * DAY), G, 3L, buy1, 1),
                List.of(c.subscriptionId(), c.planId(), c.subscriber(), c.expiresAt(), c.accessKey(),
                        c.origin().blockNumber(), c.origin().transactionHash(), c.origin().logIndex()),
                "after the token's Transferred of the payment");
        assertEquals(new ChainEvent.SubscriptionExtended(1, Instant.ofEpochSecond(T0 + 40 * DAY), e.get(1).origin()), e.get(1));
        assertEquals(VM.tx("main", "extend 1").id(), e.get(1).origin().transactionHash());
        assertEquals(new ChainEvent.AccessKeyRotated(1, KEY_2, e.get(2).origin()), e.get(2));
        assertEquals(new ChainEvent.CredentialTransferred(1, VM.wallet(1), VM.wallet(2), e.get(3).origin()), e.get(3));
        ChainEvent.SubscriptionCreated second = created(e.get(4));
        assertEquals(List.of(2L, 1L, VM.wallet(2), Instant.ofEpochSecond(T0 + 7 * DAY), G),
                List.of(second.subscriptionId(), second.planId(), second.subscriber(), second.expiresAt(), second.accessKey()));
        assertEquals(new ChainEvent.SubscriptionCancelled(2, e.get(5).origin()), e.get(5));
        assertEquals(3, sink.cursor("opnet").orElseThrow().blockNumber());
    }

    @Test
    void reorgByHashIsReportedAtTheForkPointAndTheNewForkDelivered() throws Exception {
        mine("main", VM.forkAfter()); // block 1: setup, buy 1, extend, mint, re-key, transfer, update
        node.mineEmpty(2);
        node.mine(List.of(VM.tx("main", "buy 2").block()));
        node.mineEmpty(1);
        OpnetWatcher w = watcher(0, 2);
        drain(w);
        assertEquals(5, sink.events.size(), sink.events.toString());
        List<ChainEvent> kept = List.copyOf(sink.events.subList(0, 4));
        sink.actOnAll();
        ChainEvent actedOn = sink.events.get(4);
        assertEquals(VM.wallet(2), created(actedOn).subscriber());
        node.reorgAbove(3, false);
        node.mineEmpty(1);
        node.mine(List.of(VM.tx("fork", "buy 2 by wallet 3").block())); // the same subscription id, another buyer
        node.mineEmpty(1);
        assertTrue(w.poll());
        assertEquals(3, sink.reorgs.get(0).blockNumber(), "fork point = last common block");
        assertEquals(kept, sink.events, "the removed purchase is rolled back");
        drain(w);
        assertEquals(1, sink.reorgs.size());
        ChainEvent.SubscriptionCreated replacement = created(sink.events.get(4));
        assertEquals(List.of(2L, VM.wallet(3), Instant.ofEpochSecond(T0 + 5 * DAY), KEY_2), List.of(replacement.subscriptionId(),
                replacement.subscriber(), replacement.expiresAt(), replacement.accessKey()));
        assertEquals(5, sink.events.size(), "delivered once");
        assertEquals(node.tip(), sink.cursor("opnet").orElseThrow().blockNumber());
        assertTrue(sink.acted.contains(actedOn));
    }

    @Test
    void reorgOfTheChecksumAloneIsDetected() throws Exception {
        node.mineEmpty(2);
        node.mine(List.of(VM.tx("main", "buy 1").block()));
        node.mineEmpty(2);
        OpnetWatcher w = watcher(0, 10);
        drain(w);
        String before = sink.cursor("opnet").orElseThrow().blockHash();
        node.reorgAbove(2, true); // same Bitcoin hashes, blocks 3.. re-executed with other checksums
        assertEquals(before.substring(0, 64), sink.cursor("opnet").orElseThrow().blockHash().substring(0, 64));
        drain(w);
        assertEquals(1, sink.reorgs.size());
        assertEquals(2, sink.reorgs.get(0).blockNumber());
        assertEquals(1, sink.events.size(), "re-delivered once from the re-executed block");
    }

    @Test
    void restartedWatcherRewindsWhenTheCursorBlockIsGone() throws Exception {
        node.mineEmpty(30);
        drain(watcher(0, 50));
        node.reorgAbove(25, false);
        node.mineEmpty(6);
        OpnetWatcher fresh = watcher(0, 50); // no recent hashes after a restart
        drain(fresh);
        assertEquals(30 - 16, sink.reorgs.get(0).blockNumber(), "rewindDepth below the stale cursor");
        assertEquals(node.tip(), sink.cursor("opnet").orElseThrow().blockNumber());
    }

    @Test
    void rpcOutageLosesAndDuplicatesNothing() throws Exception {
        OpnetWatcher w = watcher(1, 3);
        List<VmRecording.Tx> many = VM.branch("many"); // setup, then purchases 1..12
        int setup = many.size() - 12;
        node.mine(blocks(many.subList(0, setup)));
        for (VmRecording.Tx purchase : many.subList(setup, many.size())) {
            node.mine(List.of(purchase.block()));
        }
        node.down(true);
        assertThrows(ChainUnavailableException.class, w::poll);
        assertEquals(0, sink.commits);
        for (int failAfter = 1; failAfter < 40; failAfter += 3) { // the node dies at every point of a step
            node.down(false);
            node.failAfter(failAfter);
            try {
                drain(w);
            } catch (ChainUnavailableException expected) {
                // retried on the next round
            }
        }
        node.failAfter(Integer.MAX_VALUE / 2);
        drain(w);
        List<Long> ids = sink.events.stream().map(x -> created(x).subscriptionId()).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), ids, "each once, in order, up to tip - 1");
    }

    @Test
    void undecodableEventOfOurContractHaltsWithoutMovingTheCursor() throws Exception {
        node.mine(List.of(VM.tx("main", "buy 1").block()));
        // Java-made: the VM's SubscriptionCreated of purchase 2 cut to 136 bytes (the contract always emits 137)
        byte[] cut = Arrays.copyOf(VM.tx("main", "buy 2").data("SubscriptionCreated"), 136);
        node.mine(List.of(tx("05".repeat(32), false, new Object[] {SUBS, "SubscriptionCreated", cut})));
        node.mineEmpty(1);
        OpnetWatcher w = watcher(0, 1);
        assertThrows(ChainUnavailableException.class, () -> drain(w));
        assertTrue(w.halted().orElseThrow().contains("expected 137 bytes"), w.halted().orElseThrow());
        assertEquals(1, sink.cursor("opnet").orElseThrow().blockNumber());
        assertEquals(1, sink.events.size());
        assertThrows(ChainUnavailableException.class, w::poll, "stays halted");
    }

    /** Java-made: the VM's events with a field the contracts never emit (plan 0, an id ≥ 2^63, one byte too many). */
    @Test
    void badFieldsHalt() throws Exception {
        byte[] planZero = VM.tx("main", "buy 1").data("SubscriptionCreated");
        Arrays.fill(planZero, 32, 64, (byte) 0);
        byte[] hugeId = VM.tx("main", "cancel 2").data("SubscriptionCancelled");
        hugeId[0] = 1;
        byte[] longKey = Arrays.copyOf(VM.tx("main", "rekey 1").data("AccessKeyRotated"), 66);
        for (Object[] bad : new Object[][] {{SUBS, "SubscriptionCreated", planZero}, {SUBS, "SubscriptionCancelled", hugeId},
            {CRED, "AccessKeyRotated", longKey}}) {
            EventDecoder d = new EventDecoder(SUBS, CRED);
            OpnetBlock block = new OpnetBlock(1, "00".repeat(32), "00".repeat(32), "", "", 0, List.of(new OpnetBlock.Tx(
                    "00".repeat(32), false, List.of(new OpnetBlock.Event((String) bad[0], (String) bad[1], (byte[]) bad[2])))));
            assertThrows(EventDecoder.UndecodableEventException.class, () -> d.decode(block));
        }
    }
}
