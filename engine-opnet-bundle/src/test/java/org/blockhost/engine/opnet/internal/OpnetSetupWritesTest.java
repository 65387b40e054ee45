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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.blockhost.crypto.api.Hex;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;

/** Plans and the admin credential written by setup through a scripted sidecar, the chain read on the fixture node. */
class OpnetSetupWritesTest {
    private static final String TX = "2e".repeat(32);
    private final AtomicLong now = new AtomicLong(0);
    /** Plan id → price per day on chain (all on sale). */
    private final Map<Long, Long> plans = new ConcurrentHashMap<>(Map.of(1L, 100L, 2L, 250L));
    private final AtomicReference<String> owner = new AtomicReference<>(BUYER);
    private volatile boolean minted;
    /** The answer the scripted sidecar gives to every write. */
    private volatile String writeAnswer = "\"ok\":true,\"txid\":\"" + TX + "\"";
    private volatile String wallet = BUYER;

    private final FakeSidecar fake = new FakeSidecar(req -> List.of(FakeSidecar.answer(req,
            req.get("op").asText().equals("init") ? "\"ok\":true,\"address\":\"" + wallet + "\",\"p2tr\":\"bcrt1p\"" : writeAnswer)));

    private RpcFixture.Calls chain() {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            if (sel.equals(selector("owner()")) || sel.equals(selector("operator()"))) {
                return RpcFixture.returns(Hex.decode(owner.get()));
            }
            if (to.equals(SUBS) && sel.equals(selector("planCount()"))) {
                return RpcFixture.returns(u256(plans.size()));
            }
            if (to.equals(SUBS) && sel.equals(selector("getPlan(uint256)")) && plans.containsKey(arg)) {
                return RpcFixture.returns(ByteBuffer.allocate(33).put(u256(plans.get(arg))).put((byte) 1).array());
            }
            if (to.equals(CRED) && sel.equals(selector("tokenOfSubscription(uint256)"))) {
                return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (minted ? 1 : 0)).put(u256(0)).array());
            }
            if (to.equals(CRED) && sel.equals(selector("ownerOf(uint256)")) && minted) {
                return RpcFixture.returns(Hex.decode(OTHER));
            }
            return null;
        };
    }

    private static String selector(String signature) {
        return Hex.encode(OpnetReads.selector(signature));
    }

    private FinalizationContext context(RpcFixture node, String plansAnswer) {
        node.mineEmpty(3);
        node.calls(chain());
        OpnetSetupTest.Context c = new OpnetSetupTest.Context(true);
        c.answers.putAll(Map.of(OpnetAnswers.RPC_URL, node.url().toString(), OpnetAnswers.NETWORK, "regtest",
                OpnetAnswers.HOST_KEY_FILE, "/etc/blockhost/keys/opnet-host.key", OpnetAnswers.HOST_ADDRESS, BUYER,
                OpnetAnswers.SUBSCRIPTIONS, SUBS, OpnetAnswers.CREDENTIAL, CRED, OpnetAnswers.PLANS, plansAnswer,
                OpnetAnswers.ADMIN_ADDRESS, OTHER));
        return c.view();
    }

    private SetupWrites.Opener opener() {
        return context -> new Sidecar(fake, JsonNodeFactory.instance.objectNode().put("op", "init"), Duration.ofSeconds(5), now::get);
    }

    private List<JsonNode> writes() {
        return fake.requests.stream().filter(r -> !r.get("op").asText().equals("init")).toList();
    }

    @Test
    void missingPlansAreSentOnceAndTheStepCompletesWhenTheChainShowsThem() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            FinalizationContext c = context(node, "100,300,5");
            PlansStep step = new PlansStep(opener(), new PendingWrites(PendingWrites.HOLD_MS, now::get));
            assertFalse(step.isComplete(c));
            String sent = assertThrows(StepException.class, () -> step.run(c)).getMessage();
            assertEquals("plan 2: updatePlan(2, 300, true) sent in " + TX + "; plan 3: createPlan(5) sent in " + TX
                    + ": waiting for confirmation, retry this step after the next block", sent);
            assertEquals(List.of("{\"op\":\"updatePlan\",\"planId\":\"2\",\"pricePerDay\":\"300\",\"active\":true}",
                    "{\"op\":\"createPlan\",\"pricePerDay\":\"5\"}"), writes().stream().map(r -> {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("id");
                        return r.toString();
                    }).toList());
            assertEquals(sent, assertThrows(StepException.class, () -> step.run(c)).getMessage(), "a retry waits");
            assertEquals(2, writes().size(), "nothing sent again while the writes wait for their block");
            assertEquals(1, fake.started.size(), "no sidecar started when nothing is to be sent");
            plans.put(2L, 300L);
            plans.put(3L, 5L);
            assertTrue(step.isComplete(c));
            step.run(c);
            assertEquals(2, writes().size());
        }
    }

    @Test
    void aWriteLeftUnconfirmedPastTheHoldTimeIsSentAgainAndARevertIsNamed() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            FinalizationContext c = context(node, "100,250,7");
            PlansStep step = new PlansStep(opener(), new PendingWrites(PendingWrites.HOLD_MS, now::get));
            assertThrows(StepException.class, () -> step.run(c));
            now.addAndGet(PendingWrites.HOLD_MS);
            writeAnswer = "\"ok\":false,\"rejected\":\"NotOwner\"";
            assertEquals("plan 3: createPlan(7) was refused by the contract: NotOwner",
                    assertThrows(StepException.class, () -> step.run(c)).getMessage());
            assertEquals(2, writes().size());
            writeAnswer = "\"ok\":false,\"unavailable\":\"no UTXOs\"";
            assertTrue(assertThrows(StepException.class, () -> step.run(c)).getMessage()
                    .startsWith("plan 3: createPlan(7) could not be sent now ("));
        }
    }

    @Test
    void nothingIsSentFromAnotherWallet() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            FinalizationContext c = context(node, "100,250,7");
            wallet = OTHER;
            String refused = assertThrows(StepException.class, () -> new PlansStep(opener(),
                    new PendingWrites(PendingWrites.HOLD_MS, now::get)).run(c)).getMessage();
            assertEquals("the host key file's wallet is " + OTHER + ", not the answered host address " + BUYER
                    + ": nothing was sent", refused);
            owner.set(OTHER);
            String other = assertThrows(StepException.class, () -> new PlansStep(opener(),
                    new PendingWrites(PendingWrites.HOLD_MS, now::get)).run(c)).getMessage();
            assertTrue(other.endsWith("plan 3 missing: createPlan(7). The subscriptions contract belongs to " + OTHER
                    + ", not to the host " + BUYER + ": send these from the owner's wallet, then retry"), other);
            assertEquals(List.of(), writes(), "no write requested");
        }
    }

    @Test
    void theAdminCredentialIsMintedOnceByTheOperatorHost() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            FinalizationContext c = context(node, "100,250");
            AdminCredentialStep step = new AdminCredentialStep(opener(), new PendingWrites(PendingWrites.HOLD_MS, now::get));
            assertFalse(step.isComplete(c));
            String sent = assertThrows(StepException.class, () -> step.run(c)).getMessage();
            assertEquals("admin credential: mint(" + OTHER + ", 0, empty) sent in " + TX
                    + ": waiting for confirmation, retry this step after the next block", sent);
            assertThrows(StepException.class, () -> step.run(c));
            assertEquals(1, writes().size(), "sent once");
            JsonNode mint = writes().get(0);
            assertEquals(List.of("mint", "0", OTHER, ""), List.of(mint.get("op").asText(), mint.get("subscriptionId").asText(),
                    mint.get("owner").asText(), mint.get("credentials").asText()));
            minted = true;
            assertTrue(step.isComplete(c));
            owner.set(OTHER);
            minted = false;
            now.addAndGet(PendingWrites.HOLD_MS);
            assertTrue(assertThrows(StepException.class, () -> step.run(c)).getMessage()
                    .contains("operator is " + OTHER + ", not the host " + BUYER));
            assertEquals(1, writes().size());
        }
    }
}
