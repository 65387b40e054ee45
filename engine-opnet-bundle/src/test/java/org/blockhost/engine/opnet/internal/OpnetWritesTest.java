package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.blockhost.engine.opnet.internal.Events.u256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;
import org.junit.jupiter.api.Test;

/** Credential and treasury writes through a scripted sidecar, chain reads on the fixture node. */
class OpnetWritesTest {
    private static final String TX = "2e".repeat(32);
    private final AtomicLong now = new AtomicLong(0);
    /** Subscription whose token the chain shows: at the head only, or confirmed (head − 1). */
    private final AtomicReference<String> minted = new AtomicReference<>("none");

    /** A sidecar whose markDestroyed reverts with {@code reason}. */
    private FakeSidecar sidecar(String reason) {
        return sidecarAnswering("\"ok\":false,\"rejected\":\"" + reason + "\"");
    }

    private FakeSidecar sidecarAnswering(String destroyAnswer) {
        return new FakeSidecar(req -> List.of(FakeSidecar.answer(req, switch (req.get("op").asText()) {
            case "init" -> "\"ok\":true,\"address\":\"0x01\",\"p2tr\":\"bcrt1p\"";
            case "balance" -> "\"ok\":true,\"sats\":\"150000\"";
            case "markDestroyed" -> destroyAnswer;
            default -> "\"ok\":true,\"txid\":\"" + TX + "\",\"fundingTxid\":\"" + "3f".repeat(32) + "\"";
        })));
    }

    private RpcFixture.Calls chain(long head) {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            if (to.equals(CRED) && sel.equals(Hex.encode(OpnetReads.selector("tokenOfSubscription(uint256)")))) {
                boolean seen = minted.get().equals("confirmed") || minted.get().equals("head") && height == head;
                return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (seen ? 1 : 0)).put(u256(seen ? 9 : 0)).array());
            }
            if (to.equals(SUBS) && sel.equals(Hex.encode(OpnetReads.selector("payoutAddress()")))) {
                return RpcFixture.returns(Hex.decode(BUYER.substring(2)));
            }
            if (to.equals(SUBS) && sel.equals(Hex.encode(OpnetReads.selector("paymentToken()")))) {
                return RpcFixture.returns(Hex.decode(OpnetTreasuryReadsTest.TOKEN.substring(2)));
            }
            if (to.equals(OpnetTreasuryReadsTest.TOKEN)) { // decimals() one byte, balanceOf(address) one word
                return RpcFixture.returns(data.length == 4 ? new byte[] {6} : new byte[32]);
            }
            return null;
        };
    }

    private OpnetCredentials credentials(RpcFixture node, Sidecar sidecar, long holdMs) {
        node.mineEmpty(5);
        node.calls(chain(node.tip()));
        OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
        return new OpnetCredentials(rpc, new OpnetReads(rpc, SUBS, CRED), 1, new SidecarWrites(sidecar),
                new PendingWrites(holdMs, now::get));
    }

    private Sidecar start(FakeSidecar fake) {
        return new Sidecar(fake, JsonNodeFactory.instance.objectNode().put("op", "init"), Duration.ofSeconds(5), now::get);
    }

    @Test
    void mintReadsTheChainFirstSendsOnceAndReturnsTheConfirmedToken() throws Exception {
        FakeSidecar fake = sidecar("");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(fake)) {
            OpnetCredentials credentials = credentials(node, sidecar, 3_600_000);
            ChainUnavailableException sent = assertThrows(ChainUnavailableException.class,
                    () -> credentials.mint(4, BUYER.toUpperCase().replace("0X", "0x"), new byte[] {1, 2, 3}));
            assertFalse(sent instanceof ChainRejectedException);
            assertTrue(sent.getMessage().contains(TX), sent.getMessage());
            JsonNode mint = fake.requests.get(1);
            assertEquals("mint", mint.get("op").asText());
            assertEquals("4", mint.get("subscriptionId").asText());
            assertEquals(BUYER, mint.get("owner").asText(), "normalised owner");
            assertEquals("010203", mint.get("credentials").asText());
            assertThrows(ChainUnavailableException.class, () -> credentials.mint(4, BUYER, new byte[] {1}));
            assertEquals(2, fake.requests.size(), "a pending mint is not sent again");
            minted.set("head");
            assertTrue(assertThrows(ChainUnavailableException.class, () -> credentials.mint(4, BUYER, new byte[] {1}))
                    .getMessage().contains("confirmation"));
            minted.set("confirmed");
            assertEquals(9L, credentials.mint(4, BUYER, new byte[] {1}));
            assertEquals(2, fake.requests.size());
            credentials.updateCredentials(9, new byte[] {(byte) 0xff});
            assertEquals("ff", fake.requests.get(2).get("credentials").asText());
            assertEquals("9", fake.requests.get(2).get("tokenId").asText());
        }
    }

    @Test
    void pendingMintIsSentAgainAfterTheHoldTime() throws Exception {
        FakeSidecar fake = sidecar("");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(fake)) {
            OpnetCredentials credentials = credentials(node, sidecar, 60_000);
            assertThrows(ChainUnavailableException.class, () -> credentials.mint(4, BUYER, new byte[0]));
            now.addAndGet(60_000);
            assertThrows(ChainUnavailableException.class, () -> credentials.mint(4, BUYER, new byte[0]));
            assertEquals(3, fake.requests.size(), "init + two mints");
        }
    }

    @Test
    void destroyedIsSentOnceAndAlreadyDestroyedCountsAsDone() throws Exception {
        FakeSidecar already = sidecar("AlreadyDestroyed");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(already)) {
            OpnetCredentials credentials = credentials(node, sidecar, 60_000);
            credentials.markDestroyed(6);
            assertEquals("6", already.requests.get(1).get("subscriptionId").asText());
        }
        FakeSidecar other = sidecar("NotOperator");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(other)) {
            OpnetCredentials credentials = credentials(node, sidecar, 60_000);
            assertEquals("NotOperator", assertThrows(ChainRejectedException.class, () -> credentials.markDestroyed(6)).reason());
        }
        FakeSidecar sent = sidecarAnswering("\"ok\":true,\"txid\":\"" + TX + "\"");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(sent)) {
            OpnetCredentials credentials = credentials(node, sidecar, 60_000);
            credentials.markDestroyed(6);
            credentials.markDestroyed(6);
            assertEquals(2, sent.requests.size(), "init + one markDestroyed");
        }
    }

    @Test
    void treasuryBalanceSendAndWithdrawToThePayoutAddressOnly() throws Exception {
        FakeSidecar fake = sidecar("");
        try (RpcFixture node = new RpcFixture(); Sidecar sidecar = start(fake)) {
            node.mineEmpty(2);
            node.calls(chain(node.tip()));
            OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
            OpnetReads reads = new OpnetReads(rpc, SUBS, CRED);
            HostTreasury treasury = new HostTreasury(Events.OTHER, new SidecarWrites(sidecar), new TreasuryReads(rpc, reads, 1));
            assertEquals(new Treasury.Balance("BTC", BigInteger.valueOf(150_000), 8), treasury.balances().get(0));
            assertEquals(TX, treasury.send("btc", "bcrt1qexample", BigInteger.valueOf(5000)));
            assertEquals("btc", fake.requests.get(2).get("asset").asText());
            assertEquals("5000", fake.requests.get(2).get("amount").asText());
            assertEquals(BUYER, treasury.payoutAddress());
            assertThrows(IllegalArgumentException.class, () -> treasury.withdraw(Events.OTHER));
            assertEquals(3, fake.requests.size(), "nothing sent for a withdrawal elsewhere");
            assertEquals(TX, treasury.withdraw(BUYER));
            assertEquals("withdraw", fake.requests.get(3).get("op").asText());
            assertThrows(IllegalArgumentException.class, () -> treasury.send("BTC", "x", BigInteger.ZERO));
        }
        HostTreasury none = new HostTreasury(Events.OTHER, null, null);
        assertTrue(assertThrows(ChainUnavailableException.class, none::balances).getMessage().contains("no host key file"));
    }
}
