package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.blockhost.engine.opnet.internal.Events.u256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;

/** The buy page's plans (/api/public/plans) on the fixture node with a subscriptions + OP20 double. */
class PublicPlansTest {
    private static final String TOKEN = "0x" + "70".repeat(32);

    /** planCount = count; plan p costs p × 1.5 tokens a day (6 decimals), plan 2 off sale; decimals answer as given. */
    private static RpcFixture.Calls contracts(AtomicLong count, AtomicInteger planReads, byte[] decimals) {
        return contracts(count, planReads, decimals, ByteBuffer.allocate(8).putInt(4).put("TUSD".getBytes()).array());
    }

    private static RpcFixture.Calls contracts(AtomicLong count, AtomicInteger planReads, byte[] decimals, byte[] symbol) {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            if (to.equals(SUBS) && sel.equals(sel("planCount()"))) {
                return RpcFixture.returns(u256(count.get()));
            }
            if (to.equals(SUBS) && sel.equals(sel("paymentToken()"))) {
                return RpcFixture.returns(Hex.decode(TOKEN.substring(2)));
            }
            if (to.equals(TOKEN) && sel.equals(sel("decimals()"))) {
                return RpcFixture.returns(decimals);
            }
            if (to.equals(TOKEN) && sel.equals(sel("symbol()"))) {
                return RpcFixture.returns(symbol);
            }
            if (to.equals(SUBS) && sel.equals(sel("getPlan(uint256)"))) {
                planReads.incrementAndGet();
                return RpcFixture.returns(ByteBuffer.allocate(33).put(u256(arg * 1_500_000)).put((byte) (arg == 2 ? 0 : 1)).array());
            }
            return null;
        };
    }

    private static String sel(String signature) {
        return Hex.encode(OpnetReads.selector(signature));
    }

    @Test
    void tokenAndPlansAtHeadMinusConfirmationsOneReadPerHeight() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(10);
            AtomicInteger planReads = new AtomicInteger();
            node.calls(contracts(new AtomicLong(3), planReads, new byte[] {6}));
            OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
            PublicPlans plans = new PublicPlans(rpc, new OpnetReads(rpc, SUBS, CRED), 2);
            PublicPlans.Offer offer = plans.offer();
            assertEquals(new PublicPlans.Offer(TOKEN, "TUSD", 6, List.of(new PublicPlans.Plan(1, "1500000", true),
                    new PublicPlans.Plan(2, "3000000", false), new PublicPlans.Plan(3, "4500000", true))), offer);
            assertEquals(List.of(8L), node.callHeights.stream().distinct().toList(), "read at head − confirmations");
            assertEquals(new ObjectMapper().readTree("{\"token\":{\"address\":\"" + TOKEN + "\",\"symbol\":\"TUSD\",\"decimals\":6},\"plans\":["
                    + "{\"id\":1,\"pricePerDay\":\"1500000\",\"active\":true},{\"id\":2,\"pricePerDay\":\"3000000\",\"active\":false},"
                    + "{\"id\":3,\"pricePerDay\":\"4500000\",\"active\":true}]}").toString(), PublicApiServlet.plans(offer).toString());
            plans.offer();
            assertEquals(3, planReads.get(), "same height: kept");
            node.mineEmpty(1);
            plans.offer();
            assertEquals(6, planReads.get(), "a new block: read again");
        }
    }

    @Test
    void oddAnswersTooManyPlansAndTheNodeDownAreUnavailable() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(3);
            OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
            OpnetReads reads = new OpnetReads(rpc, SUBS, CRED);
            node.calls(contracts(new AtomicLong(PublicPlans.MAX_PLANS + 1L), new AtomicInteger(), new byte[] {6}));
            assertThrows(ChainUnavailableException.class, () -> new PublicPlans(rpc, reads, 0).offer());
            for (byte[] decimals : new byte[][] {new byte[] {(byte) 200}, new byte[2], new byte[0]}) {
                node.calls(contracts(new AtomicLong(1), new AtomicInteger(), decimals));
                assertThrows(ChainUnavailableException.class, () -> new PublicPlans(rpc, reads, 0).offer());
            }
            for (byte[] symbol : new byte[][] {ByteBuffer.allocate(8).putInt(5).put("TUSD".getBytes()).array(), new byte[3],
                ByteBuffer.allocate(7).putInt(3).put("<b>".getBytes()).array(), new byte[4]}) {
                node.calls(contracts(new AtomicLong(1), new AtomicInteger(), new byte[] {6}, symbol));
                assertThrows(ChainUnavailableException.class, () -> new PublicPlans(rpc, reads, 0).offer());
            }
            node.calls(contracts(new AtomicLong(0), new AtomicInteger(), new byte[] {6}));
            assertEquals(List.of(), new PublicPlans(rpc, reads, 0).offer().plans(), "no plan yet");
            node.down(true);
            assertThrows(ChainUnavailableException.class, () -> new PublicPlans(rpc, reads, 0).offer());
        }
    }
}
