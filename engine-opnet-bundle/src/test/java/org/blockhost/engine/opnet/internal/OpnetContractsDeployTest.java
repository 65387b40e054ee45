package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.blockhost.engine.opnet.internal.Events.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.blockhost.crypto.api.Hex;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;

/** {@code opnet.contracts} deploying both contracts through a scripted sidecar, the code read on the fixture node. */
class OpnetContractsDeployTest {
    private static final String TOKEN = "0x" + "7e".repeat(32);
    private static final String TX = "d3".repeat(32);
    /** The answer to every deploy; empty: the address the real sidecar would give (a function of contract and salt). */
    private volatile String deployAnswer = "";
    private volatile String wallet = BUYER;

    private final FakeSidecar fake = new FakeSidecar(req -> List.of(FakeSidecar.answer(req,
            req.get("op").asText().equals("init") ? "\"ok\":true,\"address\":\"" + wallet + "\",\"p2tr\":\"bcrt1p\""
                    : deployAnswer.isEmpty() ? "\"ok\":true,\"address\":\"" + address(req) + "\",\"txid\":\"" + TX + "\""
                    : deployAnswer)));

    /** Same contract, same salt → same address, as the SDK derives it from the deployer key, salt and bytecode. */
    private static String address(JsonNode req) {
        try {
            return "0x" + Hex.encode(MessageDigest.getInstance("SHA-256").digest(
                    (req.get("contract").asText() + req.get("salt").asText()).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OpnetSetupTest.Context context(RpcFixture node) {
        node.mineEmpty(3);
        OpnetSetupTest.Context c = new OpnetSetupTest.Context(true);
        c.answers.putAll(Map.of(OpnetAnswers.RPC_URL, node.url().toString(), OpnetAnswers.NETWORK, "regtest",
                OpnetAnswers.HOST_KEY_FILE, "/etc/blockhost/keys/opnet-host.key", OpnetAnswers.HOST_ADDRESS, BUYER,
                OpnetAnswers.SUBSCRIPTIONS, "", OpnetAnswers.PAYMENT_TOKEN, TOKEN));
        return c;
    }

    private ContractsStep step() {
        return new ContractsStep(context -> new Sidecar(fake, JsonNodeFactory.instance.objectNode().put("op", "init"),
                Duration.ofSeconds(5), System::currentTimeMillis));
    }

    private List<JsonNode> deploys() {
        return fake.requests.stream().filter(r -> r.get("op").asText().equals("deploy")).toList();
    }

    @Test
    void bothAreDeployedOnceInOrderAndPublishedWhenTheNodeShowsTheirCode() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            OpnetSetupTest.Context c = context(node);
            assertFalse(step().isComplete(c.view()));
            String waiting = assertThrows(StepException.class, () -> step().run(c.view())).getMessage();
            List<JsonNode> sent = deploys();
            assertEquals(2, sent.size());
            JsonNode subs = sent.get(0);
            JsonNode cred = sent.get(1);
            assertEquals(List.of("subscriptions", BUYER, BUYER, TOKEN), List.of(subs.get("contract").asText(),
                    subs.get("owner").asText(), subs.get("operator").asText(), subs.get("token").asText()));
            String subsAddress = address(subs);
            assertEquals(List.of("credential", BUYER, BUYER, subsAddress), List.of(cred.get("contract").asText(),
                    cred.get("owner").asText(), cred.get("operator").asText(), cred.get("subscriptions").asText()),
                    "the credential's calldata names the subscriptions contract just deployed");
            assertTrue(subs.get("salt").asText().matches("[0-9a-f]{64}") && !subs.get("salt").equals(cred.get("salt")));
            String credAddress = address(cred);
            assertEquals("subscriptions contract " + subsAddress + " deployed in " + TX + "; credential contract " + credAddress
                    + " deployed in " + TX + ": waiting for confirmation, retry this step after the next block", waiting);
            assertTrue(c.published.get(OpnetAnswers.START_BLOCK).matches("[0-9]+"), "the start block precedes the deployment");

            assertEquals(waiting, assertThrows(StepException.class, () -> step().run(c.view())).getMessage(),
                    "a retry (a new step: the runtime restarted) waits and sends nothing");
            assertEquals(2, deploys().size());
            assertEquals(1, fake.started.size(), "no sidecar started once both were sent");
            node.deployed(subsAddress, new byte[] {0, 97, 115, 109});
            assertEquals("credential contract " + credAddress + " deployed in " + TX
                    + ": waiting for confirmation, retry this step after the next block",
                    assertThrows(StepException.class, () -> step().run(c.view())).getMessage());
            assertEquals(List.of(credAddress, "true"), List.of(node.lastCodeParams.get(0).asText(),
                    node.lastCodeParams.get(1).asText()), "btc_getCode [address, true] as the SDK asks");
            assertFalse(step().isComplete(c.view()));
            node.deployed(credAddress, new byte[] {0, 97, 115, 109});
            step().run(c.view());
            assertEquals(subsAddress, c.published.get(OpnetAnswers.SUBSCRIPTIONS));
            assertEquals(credAddress, c.published.get(OpnetAnswers.CREDENTIAL));
            assertTrue(step().isComplete(c.view()));
            assertEquals(subsAddress, OpnetSetupStep.requireContract(c.view(), OpnetAnswers.SUBSCRIPTIONS),
                    "later steps read the deployed addresses");
            assertEquals(2, deploys().size());
        }
    }

    @Test
    void aCrashBetweenBroadcastAndRecordSendsAgainWithTheSameSaltSoTheAddressIsTheSame() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            OpnetSetupTest.Context c = context(node);
            AtomicBoolean crash = new AtomicBoolean(true);
            FinalizationContext real = c.view();
            FinalizationContext crashing = (FinalizationContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FinalizationContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("publish") && args[0].equals("opnet.deploy.subscriptions")
                                && crash.getAndSet(false)) {
                            throw new IllegalStateException("power lost after the broadcast");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            assertThrows(IllegalStateException.class, () -> step().run(crashing));
            assertEquals(1, deploys().size());
            assertThrows(StepException.class, () -> step().run(real));
            assertEquals(3, deploys().size());
            assertEquals(deploys().get(0).get("salt"), deploys().get(1).get("salt"), "the resend carries the persisted salt");
            assertEquals("credential", deploys().get(2).get("contract").asText());
            assertEquals(address(deploys().get(0)) + " " + TX, c.published.get("opnet.deploy.subscriptions"));
        }
    }

    @Test
    void refusalsNameTheCauseAndSendNothing() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            OpnetSetupTest.Context c = context(node);
            c.answers.put(OpnetAnswers.CREDENTIAL, OTHER);
            assertEquals("answer both OPNet contract addresses, or neither to deploy both from the host wallet",
                    assertThrows(StepException.class, () -> step().run(c.view())).getMessage());
            c.answers.remove(OpnetAnswers.CREDENTIAL);
            c.answers.remove(OpnetAnswers.PAYMENT_TOKEN);
            assertTrue(assertThrows(StepException.class, () -> step().run(c.view())).getMessage()
                    .endsWith("answer field 'opnet.paymentToken'"));
            c.answers.put(OpnetAnswers.PAYMENT_TOKEN, TOKEN);
            wallet = OTHER;
            assertEquals("the host key file's wallet is " + OTHER + ", not the answered host address " + BUYER
                    + ": nothing was sent", assertThrows(StepException.class, () -> step().run(c.view())).getMessage());
            wallet = BUYER;
            deployAnswer = "\"ok\":false,\"unavailable\":\"the host wallet has no UTXOs: fund bcrt1pq\"";
            assertEquals("the subscriptions contract could not be deployed now (OPNet deploy: the host wallet has no UTXOs: fund bcrt1pq);"
                    + " retry this step", assertThrows(StepException.class, () -> step().run(c.view())).getMessage());
            assertEquals(List.of(), c.published.keySet().stream().filter(k -> k.matches("opnet\\.deploy\\.[a-z]+")).toList());
            assertFalse(c.published.containsKey(OpnetAnswers.SUBSCRIPTIONS));
            node.down(true);
            assertTrue(assertThrows(StepException.class, () -> step().run(c.view())).getMessage()
                    .startsWith("the OPNet node cannot be read now"));
        }
    }
}
