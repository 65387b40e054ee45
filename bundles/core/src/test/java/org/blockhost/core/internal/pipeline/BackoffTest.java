package org.blockhost.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void doublesWithJitterBetweenHalfAndFullAndCaps() {
        Backoff low = new Backoff(() -> 0.0);
        Backoff high = new Backoff(() -> 0.999999);
        assertEquals(1000, low.delayMillis(1, BASE, MAX));
        assertEquals(1999, high.delayMillis(1, BASE, MAX));
        assertEquals(4000, low.delayMillis(3, BASE, MAX));
        assertEquals(30000, low.delayMillis(10, BASE, MAX));
        assertEquals(30000, low.delayMillis(400, BASE, MAX), "no overflow for huge attempt counts");
    }

    @Test
    void stageOrderAndNeeds() {
        assertEquals(Stage.VM_CREATED, Stage.RECEIVED.next());
        assertEquals(Stage.ACTIVE, Stage.OWNER_SET.next());
        assertEquals(Stage.Needs.ENGINE, Stage.CREDENTIALS_ENCRYPTED.needs());
        assertEquals(Stage.Needs.SEALER, Stage.VM_CREATED.needs());
        assertEquals("credentials_encrypted", Stage.CREDENTIALS_ENCRYPTED.label());
        assertEquals(Stage.NFT_MINTED, Stage.of("nft_minted"));
    }
}
