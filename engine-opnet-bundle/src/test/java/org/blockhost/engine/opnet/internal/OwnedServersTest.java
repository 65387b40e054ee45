package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.blockhost.engine.opnet.internal.Events.u256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;

/** The servers page's reads on the fixture node with a credential + subscriptions contract double. */
class OwnedServersTest {
    private static final byte[] SEALED = Hex.decode("04" + "ab".repeat(100));
    private static final byte[] KEY = Hex.decode("03" + "cd".repeat(32));

    /** Tokens 0 (admin) .. supply − 1: odd ids belong to BUYER, the rest to OTHER; token t is subscription t + 10. */
    private static RpcFixture.Calls contracts(AtomicLong supply, AtomicInteger ownerReads, byte[] credentials) {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            if (to.equals(CRED) && sel.equals(sel("totalSupply()"))) {
                return RpcFixture.returns(u256(supply.get()));
            }
            if (to.equals(CRED) && sel.equals(sel("ownerOf(uint256)"))) {
                ownerReads.incrementAndGet();
                return RpcFixture.returns(Hex.decode((arg % 2 == 1 ? BUYER : OTHER).substring(2)));
            }
            if (to.equals(CRED) && sel.equals(sel("subscriptionOf(uint256)"))) {
                return RpcFixture.returns(u256(arg + 10));
            }
            if (to.equals(CRED) && sel.equals(sel("getCredentials(uint256)"))) {
                return RpcFixture.returns(credentials);
            }
            if (to.equals(CRED) && sel.equals(sel("getAccessKey(uint256)"))) {
                return RpcFixture.returns(prefixed(KEY));
            }
            if (to.equals(SUBS) && sel.equals(sel("getSubscription(uint256)"))) {
                return RpcFixture.returns(ByteBuffer.allocate(73).put(u256(2)).put(Hex.decode(BUYER.substring(2)))
                        .putLong(1_800_000_000L + arg).put((byte) (arg == 13 ? 1 : 0)).array());
            }
            return null;
        };
    }

    private static String sel(String signature) {
        return Hex.encode(OpnetReads.selector(signature));
    }

    private static byte[] prefixed(byte[] value) {
        return ByteBuffer.allocate(4 + value.length).putInt(value.length).put(value).array();
    }

    @Test
    void theOwnersTokensWithTheirSealedDetailsOneOwnerScanPerHeight() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(10);
            AtomicLong supply = new AtomicLong(5);
            AtomicInteger ownerReads = new AtomicInteger();
            node.calls(contracts(supply, ownerReads, prefixed(SEALED)));
            OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
            OwnedServers servers = new OwnedServers(rpc, new OpnetReads(rpc, SUBS, CRED), 2);
            List<OwnedServers.Server> mine = servers.of(BUYER);
            assertEquals(List.of(1L, 3L), mine.stream().map(OwnedServers.Server::tokenId).toList(), "not the admin token 0");
            OwnedServers.Server first = mine.get(0);
            assertEquals(new OwnedServers.Server(1, 11, 2, 1_800_000_011L, false, Hex.encode(SEALED), Hex.encode(KEY)), first);
            assertTrue(mine.get(1).cancelled());
            assertEquals(4, ownerReads.get(), "tokens 1..4");
            assertEquals(List.of(8L), node.callHeights.stream().distinct().toList(), "read at head − confirmations");
            assertEquals(List.of(2L, 4L), servers.of(OTHER).stream().map(OwnedServers.Server::tokenId).toList());
            assertEquals(4, ownerReads.get(), "same height: the owner table is reused");
            supply.set(7);
            node.mineEmpty(1);
            assertEquals(List.of(1L, 3L, 5L), servers.of(BUYER).stream().map(OwnedServers.Server::tokenId).toList());
            assertEquals(10, ownerReads.get(), "a new block: scanned again");
            assertEquals(List.of(), servers.of("0x" + "00".repeat(32)));
        }
    }

    @Test
    void oddAnswersAndTooManyTokensAreUnavailable() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(3);
            OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
            OpnetReads reads = new OpnetReads(rpc, SUBS, CRED);
            for (byte[] bad : new byte[][] {new byte[3], ByteBuffer.allocate(8).putInt(5).array(),
                ByteBuffer.allocate(4).putInt(-1).array(), prefixed(new byte[1025])}) {
                node.calls(contracts(new AtomicLong(2), new AtomicInteger(), bad));
                assertThrows(ChainUnavailableException.class, () -> new OwnedServers(rpc, reads, 0).of(BUYER));
            }
            node.calls(contracts(new AtomicLong(OwnedServers.MAX_TOKENS + 1L), new AtomicInteger(), prefixed(SEALED)));
            assertThrows(ChainUnavailableException.class, () -> new OwnedServers(rpc, reads, 0).of(BUYER));
            node.calls(contracts(new AtomicLong(2), new AtomicInteger(), prefixed(new byte[0])));
            assertEquals("", new OwnedServers(rpc, reads, 0).of(BUYER).get(0).credentials(), "not sealed yet: empty");
            node.down(true);
            assertThrows(ChainUnavailableException.class, () -> new OwnedServers(rpc, reads, 0).of(BUYER));
        }
    }

    @Test
    void theJsonAnswersCarryNoRpcUrl() throws Exception {
        OpnetConfig config = OpnetEngineTest.config(Map.of("rpcUrl", "http://127.0.0.1:1/secret-key", "network", "regtest",
                "subscriptionsAddress", SUBS.toUpperCase().replace("0X", "0x")));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"engine\":\"opnet\",\"host\":\"vm1.test\\\"<x>\",\"network\":\"regtest\",\"subscriptions\":\""
                + SUBS + "\",\"credential\":\"" + CRED + "\"}"), PublicApiServlet.chain("vm1.test\"<x>", config));
        assertFalse(PublicApiServlet.chain("h", config).toString().contains("secret-key"));
        String answer = PublicApiServlet.servers(BUYER, List.of(new OwnedServers.Server(1, 11, 2, 5, true, "04ab", "03cd"))).toString();
        assertEquals(json.readTree("{\"owner\":\"" + BUYER + "\",\"servers\":[{\"tokenId\":1,\"subscriptionId\":11,\"planId\":2,"
                + "\"expiresAt\":5,\"cancelled\":true,\"credentials\":\"04ab\",\"accessKey\":\"03cd\"}]}"), json.readTree(answer));
    }
}
