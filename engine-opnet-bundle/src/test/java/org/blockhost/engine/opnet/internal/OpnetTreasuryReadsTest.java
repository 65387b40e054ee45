package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.CRED;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.blockhost.engine.opnet.internal.Events.SUBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury.Balance;
import org.junit.jupiter.api.Test;

/** The treasury's OP20 reads by btc_call on the fixture node: the host's payment-token balance and what the contract collected. */
class OpnetTreasuryReadsTest {
    static final String TOKEN = "0x" + "7e".repeat(32);
    /** What the fixture answers per call, by the method's name: the raw result bytes. */
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    private static byte[] word(long v) {
        byte[] w = new byte[32];
        for (int i = 0; i < 8; i++) {
            w[31 - i] = (byte) (v >>> (8 * i));
        }
        return w;
    }

    private RpcFixture.Calls chain() {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            if (to.equals(SUBS) && sel.equals(Hex.encode(OpnetReads.selector("paymentToken()")))) {
                return result(answers.get("paymentToken"));
            }
            if (to.equals(TOKEN) && sel.equals(Hex.encode(OpnetReads.selector("decimals()")))) {
                return result(answers.get("decimals"));
            }
            if (to.equals(TOKEN) && sel.equals(Hex.encode(OpnetReads.selector("balanceOf(address)"))) && data.length == 36) {
                return result(answers.get("balanceOf:0x" + Hex.encode(Arrays.copyOfRange(data, 4, 36))));
            }
            return null;
        };
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode result(byte[] data) {
        return data == null ? null : RpcFixture.returns(data);
    }

    private HostTreasury treasury(RpcFixture node, FakeSidecar fake) {
        node.mineEmpty(6);
        node.calls(chain());
        OpnetRpc rpc = new OpnetRpc(node.url(), Duration.ofSeconds(5));
        Sidecar sidecar = new Sidecar(fake, JsonNodeFactory.instance.objectNode().put("op", "init"), Duration.ofSeconds(5),
                System::currentTimeMillis);
        return new HostTreasury(OTHER, new SidecarWrites(sidecar), new TreasuryReads(rpc, new OpnetReads(rpc, SUBS, CRED), 2));
    }

    @Test
    void balancesAddThePaymentTokenAndCollectedIsTheContractsBalanceBothAtTheConfirmedHeight() throws Exception {
        answers.put("paymentToken", Hex.decode(TOKEN.substring(2)));
        answers.put("decimals", new byte[] {6});
        answers.put("balanceOf:" + OTHER, word(2_500_000));
        answers.put("balanceOf:" + SUBS, word(41_000_000));
        FakeSidecar fake = new FakeSidecar(req -> List.of(FakeSidecar.answer(req, req.get("op").asText().equals("init")
                ? "\"ok\":true,\"address\":\"" + OTHER + "\"" : "\"ok\":true,\"sats\":\"150000\"")));
        try (RpcFixture node = new RpcFixture()) {
            HostTreasury treasury = treasury(node, fake);
            assertEquals(List.of(new Balance("BTC", BigInteger.valueOf(150_000), 8), new Balance(TOKEN, BigInteger.valueOf(2_500_000), 6)),
                    treasury.balances());
            long confirmed = node.tip() - 2;
            assertEquals(List.of(confirmed, confirmed, confirmed), node.callHeights, "one confirmed height for all three reads");
            assertEquals(new Balance(TOKEN, BigInteger.valueOf(41_000_000), 6), treasury.collected(), "what withdraw() would pay");
            answers.put("balanceOf:" + SUBS, Hex.decode("ff".repeat(32)));
            assertEquals(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), treasury.collected().amount(), "u256, unsigned");
        }
    }

    @Test
    void shortLongAndOddAnswersAreUnavailableNeverAValue() throws Exception {
        FakeSidecar fake = new FakeSidecar(req -> List.of(FakeSidecar.answer(req, "\"ok\":true,\"sats\":\"1\"")));
        try (RpcFixture node = new RpcFixture()) {
            HostTreasury treasury = treasury(node, fake);
            answers.put("paymentToken", Hex.decode(TOKEN.substring(2)));
            answers.put("decimals", new byte[] {6});
            List<Map.Entry<String, byte[]>> bad = List.of(Map.entry("balanceOf:" + SUBS, new byte[31]),
                    Map.entry("balanceOf:" + SUBS, new byte[33]), Map.entry("decimals", new byte[] {0, 6}),
                    Map.entry("decimals", new byte[0]), Map.entry("decimals", new byte[] {(byte) 200}),
                    Map.entry("paymentToken", new byte[20]));
            answers.put("balanceOf:" + SUBS, word(5));
            assertEquals(BigInteger.valueOf(5), treasury.collected().amount());
            for (Map.Entry<String, byte[]> b : bad) {
                byte[] good = answers.put(b.getKey(), b.getValue());
                ChainUnavailableException e = assertThrows(ChainUnavailableException.class, treasury::collected, b.getKey());
                assertTrue(e.getMessage().matches("(balanceOf|decimals|paymentToken): .*"), e.getMessage());
                answers.put(b.getKey(), good);
            }
            answers.remove("decimals");
            assertThrows(ChainUnavailableException.class, treasury::collected, "no result at all");
            node.down(true);
            assertThrows(ChainUnavailableException.class, treasury::collected);
        }
    }
}
