package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.blockhost.engine.opnet.internal.Events.u256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.SubscriptionRecord;
import org.junit.jupiter.api.Test;

class OpnetReadsTest {

    @Test
    void calldataIsTheSha256SelectorAndABigEndianWord() {
        byte[] data = OpnetReads.calldata("ownerOf(uint256)", 258);
        assertEquals(36, data.length);
        assertEquals(Hex.encode(Arrays.copyOf(TaprootTweak.sha256("ownerOf(uint256)".getBytes(StandardCharsets.UTF_8)), 4)),
                Hex.encode(Arrays.copyOf(data, 4)));
        assertEquals("00".repeat(30) + "0102", Hex.encode(Arrays.copyOfRange(data, 4, 36)));
        assertEquals("63739d5c", Hex.encode(OpnetReads.selector("Error(string)")), "the SDK's revert selector");
    }

    /** A contract double on the fixture node: subscription 3, token 0 (admin) held by OTHER, token 7 for subscription 5. */
    private static RpcFixture.Calls contracts() {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            long arg = ByteBuffer.wrap(data, 28, 8).getLong();
            if (to.equals(SUBS) && sel.equals(Hex.encode(OpnetReads.selector("getSubscription(uint256)")))) {
                ByteBuffer b = ByteBuffer.allocate(73).put(u256(arg == 3 ? 2 : 0)).put(Hex.decode(arg == 3 ? BUYER : "00".repeat(32)))
                        .putLong(arg == 3 ? 1_800_000_000L : 0).put((byte) (arg == 3 ? 1 : 0));
                return RpcFixture.returns(b.array());
            }
            if (to.equals(CRED) && sel.equals(Hex.encode(OpnetReads.selector("tokenOfSubscription(uint256)")))) {
                boolean minted = arg == 0 || arg == 5;
                return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (minted ? 1 : 0)).put(u256(arg == 5 ? 7 : 0)).array());
            }
            if (to.equals(CRED) && sel.equals(Hex.encode(OpnetReads.selector("ownerOf(uint256)")))) {
                return arg == 0 ? RpcFixture.returns(Hex.decode(OTHER)) : arg == 8 ? RpcFixture.returns(new byte[31])
                        : RpcFixture.reverts("unknown token");
            }
            return null;
        };
    }

    @Test
    void engineReadsContractsAtConfirmedAndFinalHeights() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(20);
            node.calls(contracts());
            OpnetEngine engine = new OpnetEngine(new MemorySink(), OpnetEngineTest.config(Map.of("rpcUrl",
                    node.url().toString(), "confirmations", 2, "finalityDepth", 6, "pollIntervalMs", 60_000L)), -1);
            try {
                Optional<SubscriptionRecord> s = engine.finalizedSubscription(3);
                assertEquals(Optional.of(new SubscriptionRecord(3, BUYER, 2, Instant.ofEpochSecond(1_800_000_000L), true, 14)), s);
                assertEquals(Optional.empty(), engine.finalizedSubscription(4));
                CredentialIssuer c = engine.credentials();
                node.callHeights.clear();
                assertEquals(OTHER, c.ownerOf(0));
                assertEquals(Optional.of(OTHER), c.adminHolder());
                assertEquals(Optional.of(7L), c.tokenOfSubscription(5));
                assertEquals(7L, c.mint(5, BUYER, new byte[1]), "an existing token is returned, nothing sent");
                assertEquals(List.of(18L), node.callHeights.stream().distinct().toList(), "reads at head − confirmations");
                ChainRejectedException rejected = assertThrows(ChainRejectedException.class, () -> c.ownerOf(9));
                assertEquals("unknown token", rejected.reason());
                ChainUnavailableException shortAnswer = assertThrows(ChainUnavailableException.class, () -> c.ownerOf(8));
                assertFalse(shortAnswer instanceof ChainRejectedException);
                ChainUnavailableException noTx = assertThrows(ChainUnavailableException.class, () -> c.mint(6, BUYER, new byte[1]));
                assertFalse(noTx instanceof ChainRejectedException, "no sidecar: unknown, not refused");
                node.calls((to, data, height) -> null);
                assertThrows(ChainUnavailableException.class, () -> c.ownerOf(0));
                node.calls((to, data, height) -> RpcFixture.returns(ByteBuffer.allocate(33).put((byte) 2).array()));
                assertThrows(ChainUnavailableException.class, () -> c.tokenOfSubscription(1));
                node.down(true);
                assertThrows(ChainUnavailableException.class, () -> engine.finalizedSubscription(3));
            } finally {
                engine.deactivate();
            }
        }
    }

    @Test
    void revertReasonsAreBoundedAndPrintable() {
        assertEquals("a?b", OpnetReads.revertReason(RpcFixture.reverts("a\nb").get("revert").asText()));
        assertEquals(120, OpnetReads.revertReason(RpcFixture.reverts("x".repeat(500)).get("revert").asText()).length());
        assertEquals("unknown revert 0x01020304", OpnetReads.revertReason("AQIDBA=="));
        assertEquals("unknown", OpnetReads.revertReason("***"));
    }
}
