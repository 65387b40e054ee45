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
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPNet engine's setup: answer checks, the live node check and the finalization steps on the fixture node. */
class OpnetSetupTest {
    private static final String MNEMONIC = "abandon ".repeat(11) + "about\n";
    private static final String REGTEST = OpnetAnswers.GENESIS.get("regtest");

    @TempDir
    Path tmp;

    @Test
    void answersAreRefusedWithTheFieldNamedAndNoSecretRepeated() {
        Map<String, String> bad = Map.ofEntries(Map.entry(OpnetAnswers.RPC_URL, "ftp://node.example/"),
                Map.entry(OpnetAnswers.NETWORK, "signet"), Map.entry(OpnetAnswers.HOST_KEY_FILE, "keys/opnet.key"),
                Map.entry(OpnetAnswers.HOST_ADDRESS, "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"),
                Map.entry(OpnetAnswers.SUBSCRIPTIONS, "0x" + "00".repeat(32)), Map.entry(OpnetAnswers.CREDENTIAL, "0x12"),
                Map.entry(OpnetAnswers.ADMIN_ADDRESS, "admin"), Map.entry(OpnetAnswers.PLANS, "100,,200"));
        bad.forEach((key, value) -> assertTrue(OpnetAnswers.problem(key, value).orElseThrow().contains(key), key));
        for (String plans : new String[] {"0", "01", "1.5", "-3", "1".repeat(40), "1,".repeat(20) + "1"}) {
            assertTrue(OpnetAnswers.problem(OpnetAnswers.PLANS, plans).isPresent(), plans);
        }
        assertTrue(OpnetAnswers.problem(OpnetAnswers.HOST_KEY_FILE, "/etc/blockhost/../keys/x").isPresent());
        String secret = OpnetAnswers.problem(OpnetAnswers.RPC_URL, "https://user:s3cret@node.example/key/abc").orElseThrow();
        assertFalse(secret.contains("s3cret") || secret.contains("abc"), secret);
        Map<String, String> good = Map.of(OpnetAnswers.RPC_URL, "https://node.example/api/SECRETKEY", OpnetAnswers.NETWORK, "regtest",
                OpnetAnswers.HOST_KEY_FILE, "/etc/blockhost/keys/opnet-host.key", OpnetAnswers.HOST_ADDRESS, BUYER,
                OpnetAnswers.PLANS, "100000, 250000", OpnetAnswers.ADMIN_ADDRESS, OTHER.toUpperCase().replace("0X", "0x"));
        good.forEach((key, value) -> assertEquals(Optional.empty(), OpnetAnswers.problem(key, value), key));
    }

    @Test
    void theHostKeyFileIsAPrivateMnemonicAndNeverRepeated() throws Exception {
        Path key = keyFile(MNEMONIC, "rw-r-----");
        assertEquals(Optional.empty(), HostKeyCheck.problem(key));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(HostKeyCheck.problem(key).orElseThrow().contains("open to others"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.key"), keyFile(MNEMONIC, "rw-------"));
        assertTrue(HostKeyCheck.problem(link).orElseThrow().contains("not a regular file"));
        for (String content : new String[] {"abandon ".repeat(11), "Abandon ".repeat(12), "0x" + "11".repeat(32), ""}) {
            String problem = HostKeyCheck.problem(keyFile(content, "rw-------")).orElseThrow();
            assertFalse(problem.contains("bandon") || problem.contains("1111"), problem);
        }
        assertTrue(HostKeyCheck.problem(tmp.resolve("none.key")).orElseThrow().contains("does not exist"));
    }

    @Test
    void theNodeIsCheckedLiveForBitcoinAndTheAnsweredNetwork() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.genesisHash(REGTEST);
            node.mineEmpty(3);
            String url = node.url().toString();
            assertEquals(new NodeCheck.Result(null, 3), NodeCheck.check(url, "regtest", true));
            assertEquals("the node is not on mainnet: its block 0 is the regtest genesis block",
                    NodeCheck.check(url, "mainnet", true).error());
            assertTrue(NodeCheck.check(url, "regtest", false).error().contains("https"), "http only in dev mode");
            node.chainId("0x1");
            assertEquals("the node serves chain 0x1, not Bitcoin (0x0)", NodeCheck.check(url, "regtest", true).error());
            node.chainId("0x0");
            node.down(true);
            String down = NodeCheck.check(url + "path-secret", "regtest", true).error();
            assertTrue(down.startsWith("the node cannot be reached") && !down.contains("path-secret"), down);
        }
    }

    @Test
    void stepsReadTheChainAreIdempotentAndSayWhatIsMissing() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.genesisHash(REGTEST);
            node.mineEmpty(4);
            boolean[] minted = {false};
            node.calls(contracts(minted));
            Context ctx = context(node);
            FinalizationContext c = ctx.view();
            assertTrue(new NodeStep().isComplete(c));
            ContractsStep contracts = new ContractsStep();
            assertFalse(contracts.isComplete(c));
            contracts.run(c);
            assertEquals(Map.of(OpnetAnswers.SUBSCRIPTIONS, SUBS, OpnetAnswers.CREDENTIAL, CRED, OpnetAnswers.START_BLOCK, "4"), ctx.published);
            assertTrue(contracts.isComplete(c));
            node.mineEmpty(2);
            contracts.run(c);
            assertEquals("4", ctx.published.get(OpnetAnswers.START_BLOCK), "a retry keeps the first start block");

            assertTrue(new PlansStep().isComplete(c));
            ctx.answers.put(OpnetAnswers.PLANS, "100,300,5");
            StepException plans = assertThrows(StepException.class, () -> new PlansStep().run(c));
            assertTrue(plans.getMessage().contains("plan 2 is 250: updatePlan(2, 300, true); plan 3 missing: createPlan(5)"
                    + ". The subscriptions contract belongs to " + OTHER + ", not to the host " + BUYER), plans.getMessage());

            AdminCredentialStep admin = new AdminCredentialStep();
            assertFalse(admin.isComplete(c));
            assertTrue(assertThrows(StepException.class, () -> admin.run(c)).getMessage().contains("operator is " + OTHER
                    + ", not the host " + BUYER + ": send mint(" + OTHER + ", 0, empty) from the operator's wallet"));
            minted[0] = true;
            assertTrue(admin.isComplete(c));
            ctx.answers.put(OpnetAnswers.ADMIN_ADDRESS, BUYER);
            assertTrue(assertThrows(StepException.class, () -> admin.run(c)).getMessage().contains("belongs to " + OTHER));

            ctx.answers.put(OpnetAnswers.CREDENTIAL, "0x" + "99".repeat(32));
            assertTrue(assertThrows(StepException.class, () -> new ContractsStep().run(c)).getMessage()
                    .contains("does not answer as BlockHost's OPNet contract"));
            node.down(true);
            assertTrue(assertThrows(StepException.class, () -> new PlansStep().run(c)).getMessage().contains("cannot be read now"));
        }
    }

    @Test
    void theEngineConfigurationIsWrittenOnceFromAnswersAndPublishedValues() throws Exception {
        Map<String, Object> stored = new HashMap<>();
        int[] writes = {0};
        EngineConfigStep step = new EngineConfigStep(new EngineConfigStep.Store() {
            @Override
            public Map<String, Object> current() {
                return Map.copyOf(stored);
            }

            @Override
            public void merge(Map<String, Object> values) {
                writes[0]++;
                stored.putAll(values);
            }
        });
        Context ctx = new Context(true);
        FinalizationContext c = ctx.view();
        ctx.answers.putAll(Map.of(OpnetAnswers.RPC_URL, "http://127.0.0.1:9001/", OpnetAnswers.HOST_ADDRESS, BUYER,
                OpnetAnswers.HOST_KEY_FILE, "/etc/blockhost/keys/opnet-host.key", OpnetAnswers.NETWORK, "regtest"));
        assertThrows(StepException.class, () -> step.run(c), "contracts not published yet");
        ctx.published.putAll(Map.of(OpnetAnswers.SUBSCRIPTIONS, SUBS, OpnetAnswers.CREDENTIAL, CRED, OpnetAnswers.START_BLOCK, "42"));
        assertFalse(step.isComplete(c));
        step.run(c);
        assertEquals(Map.of("rpcUrl", "http://127.0.0.1:9001/", "devMode", true, "subscriptionsAddress", SUBS,
                "credentialAddress", CRED, "hostAddress", BUYER, "hostKeyFile", "/etc/blockhost/keys/opnet-host.key",
                "startBlock", 42L, "network", "regtest"), stored);
        assertTrue(step.isComplete(c));
        assertEquals(1, writes[0], "written once");
        ctx.dev = false;
        assertTrue(assertThrows(StepException.class, () -> step.isComplete(c)).getMessage().contains("https"),
                "outside dev mode the loopback http node is refused");
    }

    /** Subscriptions: plans 1 (100) and 2 (250) on sale; credential: token 0 owned by OTHER once {@code minted[0]}; both contracts' owner and operator OTHER. */
    private static RpcFixture.Calls contracts(boolean[] minted) {
        return (to, data, height) -> {
            String sel = Hex.encode(Arrays.copyOf(data, 4));
            long arg = data.length >= 36 ? ByteBuffer.wrap(data, 28, 8).getLong() : -1;
            if (to.equals(SUBS) && sel.equals(selector("getSubscription(uint256)"))) {
                return RpcFixture.returns(new byte[73]);
            }
            if (to.equals(SUBS) && sel.equals(selector("planCount()"))) {
                return RpcFixture.returns(u256(2));
            }
            if (to.equals(SUBS) && sel.equals(selector("getPlan(uint256)")) && arg >= 1 && arg <= 2) {
                return RpcFixture.returns(ByteBuffer.allocate(33).put(u256(arg == 1 ? 100 : 250)).put((byte) 1).array());
            }
            if (to.equals(CRED) && sel.equals(selector("tokenOfSubscription(uint256)"))) {
                return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (minted[0] && arg == 0 ? 1 : 0)).put(u256(0)).array());
            }
            if (sel.equals(selector("owner()")) || sel.equals(selector("operator()"))) {
                return RpcFixture.returns(Hex.decode(OTHER));
            }
            if (to.equals(CRED) && sel.equals(selector("ownerOf(uint256)"))) {
                return minted[0] && arg == 0 ? RpcFixture.returns(Hex.decode(OTHER)) : RpcFixture.reverts("UnknownToken");
            }
            return null;
        };
    }

    private static String selector(String signature) {
        return Hex.encode(OpnetReads.selector(signature));
    }

    private Context context(RpcFixture node) throws Exception {
        Context c = new Context(true);
        c.answers.putAll(Map.of(OpnetAnswers.RPC_URL, node.url().toString(), OpnetAnswers.NETWORK, "regtest",
                OpnetAnswers.HOST_KEY_FILE, keyFile(MNEMONIC, "rw-------").toString(), OpnetAnswers.HOST_ADDRESS, BUYER,
                OpnetAnswers.SUBSCRIPTIONS, SUBS, OpnetAnswers.CREDENTIAL, CRED, OpnetAnswers.PLANS, "100,250",
                OpnetAnswers.ADMIN_ADDRESS, OTHER));
        return c;
    }

    private Path keyFile(String content, String mode) throws Exception {
        Path f = Files.createTempFile(tmp, "host", ".key");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    /** The runner's context over maps (test double of the installer's, a proxy: default methods run as declared). */
    static final class Context {
        final Map<String, String> answers = new HashMap<>();
        final Map<String, String> published = new HashMap<>();
        boolean dev;

        Context(boolean dev) {
            this.dev = dev;
        }

        FinalizationContext view() {
            return (FinalizationContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FinalizationContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "answer" -> Optional.ofNullable(answers.get((String) args[0]));
                        case "published" -> Optional.ofNullable(published.get((String) args[0]));
                        case "publish" -> published.put((String) args[0], (String) args[1]);
                        case "devMode" -> dev;
                        default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                                : fail("unexpected call " + method.getName());
                    });
        }
    }
}
