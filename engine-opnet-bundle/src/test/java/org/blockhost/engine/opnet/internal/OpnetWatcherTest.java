package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.KEY;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.blockhost.engine.opnet.internal.RpcFixture.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpnetWatcherTest {
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
        return new OpnetWatcher("opnet", rpc, sink, new EventDecoder(Events.SUBS, CRED),
                new OpnetWatcher.Settings(confirmations, 1, maxBlocks, 16));
    }

    private static void drain(OpnetWatcher w) throws ChainUnavailableException {
        for (int i = 0; i < 100 && w.poll(); i++) {
            // until caught up
        }
    }

    @Test
    void decodesOurEventsAtConfirmationsAndIgnoresTheRest() throws Exception {
        node.mineEmpty(2);
        node.mine(List.of(
                tx("aa".repeat(32), false, Events.created(1, 2, BUYER, 1_800_000_000L), new Object[] {OTHER,
                    "SubscriptionCreated", new byte[3]}),
                tx("ab".repeat(32), true, Events.cancelled(9)),
                tx("ac".repeat(32), false, Events.transferred(0, "0x" + "00".repeat(32), BUYER),
                        Events.transferred(4, BUYER, OTHER), Events.rotated(4, KEY), Events.extended(1, 1_900_000_000L),
                        new Object[] {Events.SUBS, "PlanCreated", new byte[352]}, Events.cancelled(1))));
        OpnetWatcher w = watcher(2, 10);
        drain(w);
        assertEquals(List.of(), sink.events, "block 3 has 0 confirmations of the 2 needed");
        node.mineEmpty(2);
        drain(w);
        List<ChainEvent> e = sink.events;
        assertEquals(5, e.size(), e.toString());
        ChainEvent.SubscriptionCreated c = (ChainEvent.SubscriptionCreated) e.get(0);
        assertEquals(List.of(1L, 2L, BUYER, Instant.ofEpochSecond(1_800_000_000L), KEY, 3L, "aa".repeat(32), 0),
                List.of(c.subscriptionId(), c.planId(), c.subscriber(), c.expiresAt(), c.accessKey(),
                        c.origin().blockNumber(), c.origin().transactionHash(), c.origin().logIndex()));
        assertEquals(new ChainEvent.CredentialTransferred(4, BUYER, OTHER, e.get(1).origin()), e.get(1));
        assertEquals(new ChainEvent.AccessKeyRotated(4, KEY, e.get(2).origin()), e.get(2));
        assertEquals(new ChainEvent.SubscriptionExtended(1, Instant.ofEpochSecond(1_900_000_000L), e.get(3).origin()), e.get(3));
        assertEquals(new ChainEvent.SubscriptionCancelled(1, e.get(4).origin()), e.get(4));
        assertEquals(3, sink.cursor("opnet").orElseThrow().blockNumber());
    }

    @Test
    void reorgByHashIsReportedAtTheForkPointAndTheNewForkDelivered() throws Exception {
        node.mineEmpty(3);
        node.mine(List.of(tx("01".repeat(32), false, Events.created(1, 1, BUYER, 1_800_000_000L))));
        node.mineEmpty(1);
        OpnetWatcher w = watcher(0, 2);
        drain(w);
        assertEquals(1, sink.events.size());
        sink.actOnAll();
        ChainEvent actedOn = sink.events.get(0);
        node.reorgAbove(3, false);
        node.mineEmpty(1);
        node.mine(List.of(tx("02".repeat(32), false, Events.created(2, 1, BUYER, 1_800_000_000L))));
        node.mineEmpty(1);
        assertTrue(w.poll());
        assertEquals(3, sink.reorgs.get(0).blockNumber(), "fork point = last common block");
        assertEquals(List.of(), sink.events, "the removed purchase is rolled back");
        drain(w);
        assertEquals(1, sink.reorgs.size());
        assertEquals(List.of(2L), sink.events.stream().map(x -> ((ChainEvent.SubscriptionCreated) x).subscriptionId()).toList());
        assertEquals(node.tip(), sink.cursor("opnet").orElseThrow().blockNumber());
        assertTrue(sink.acted.contains(actedOn));
    }

    @Test
    void reorgOfTheChecksumAloneIsDetected() throws Exception {
        node.mineEmpty(2);
        node.mine(List.of(tx("03".repeat(32), false, Events.created(1, 1, BUYER, 1_800_000_000L))));
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
        for (int i = 1; i <= 12; i++) {
            node.mine(List.of(tx(String.format("%064x", i), false, Events.created(i, 1, BUYER, 1_800_000_000L + i))));
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
        List<Long> ids = sink.events.stream().map(x -> ((ChainEvent.SubscriptionCreated) x).subscriptionId()).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), ids, "each once, in order, up to tip - 1");
    }

    @Test
    void undecodableEventOfOurContractHaltsWithoutMovingTheCursor() throws Exception {
        node.mine(List.of(tx("04".repeat(32), false, Events.created(1, 1, BUYER, 1_800_000_000L))));
        node.mine(List.of(tx("05".repeat(32), false, Events.withData(Events.created(2, 1, BUYER, 1L), new byte[136]))));
        node.mineEmpty(1);
        OpnetWatcher w = watcher(0, 1);
        assertThrows(ChainUnavailableException.class, () -> drain(w));
        assertTrue(w.halted().orElseThrow().contains("expected 137 bytes"), w.halted().orElseThrow());
        assertEquals(1, sink.cursor("opnet").orElseThrow().blockNumber());
        assertEquals(1, sink.events.size());
        assertThrows(ChainUnavailableException.class, w::poll, "stays halted");
    }

    @Test
    void badFieldsHalt() throws Exception {
        byte[] planZero = (byte[]) Events.created(1, 0, BUYER, 1L)[2];
        byte[] hugeId = (byte[]) Events.cancelled(1)[2];
        hugeId[0] = 1;
        for (Object[] bad : new Object[][] {Events.withData(Events.created(1, 1, BUYER, 1L), planZero),
            Events.withData(Events.cancelled(1), hugeId), Events.withData(Events.rotated(1, KEY), new byte[66])}) {
            EventDecoder d = new EventDecoder(Events.SUBS, CRED);
            OpnetBlock block = new OpnetBlock(1, "00".repeat(32), "00".repeat(32), "", "", 0, List.of(new OpnetBlock.Tx(
                    "00".repeat(32), false, List.of(new OpnetBlock.Event((String) bad[0], (String) bad[1], (byte[]) bad[2])))));
            assertThrows(EventDecoder.UndecodableEventException.class, () -> d.decode(block));
        }
    }
}
