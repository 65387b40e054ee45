package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** Host key (dev file) → deploy → engine configuration, on anvil; the config is usable by the engine. */
class EngineConfigStepTest extends StepTestBase {

    @Test
    void hostKeyThenDeployThenConfiguration() throws Exception {
        MapContext context = new MapContext(dir, true);
        context.answers.put(SetupChain.RPC_URL, anvil.url());
        context.answers.put(SetupChain.CHAIN_ID, "31337");
        new HostKeyStep(null).run(context);
        Path keyFile = Path.of(context.published.get(SetupChain.HOST_KEY_FILE));
        Credentials host = HostKeyFile.read(keyFile);
        anvil.rpc("anvil_setBalance", host.getAddress(), "0x21e19e0c9bab2400000");
        new DeployContractsStep().run(context);
        EngineConfigStep step = new EngineConfigStep();
        assertFalse(step.isComplete(context));
        step.run(context);
        assertTrue(step.isComplete(context));
        Properties cfg = load(dir.resolve("conf/org.blockhost.engine.evm.cfg"));
        assertEquals("31337", cfg.getProperty("chainId"));
        assertEquals(anvil.url(), cfg.getProperty("rpcUrl"));
        assertEquals(context.published.get(DeployContractsStep.SUBSCRIPTIONS), cfg.getProperty("subscriptionsAddress"));
        assertEquals(context.published.get(DeployContractsStep.CREDENTIAL), cfg.getProperty("credentialAddress"));
        assertEquals(keyFile.toAbsolutePath().toString(), cfg.getProperty("hostKeyFile"));
        assertEquals(context.published.get(DeployContractsStep.START_BLOCK), cfg.getProperty("startBlock"));
        assertEquals("true", cfg.getProperty("devMode"));
        assertEquals(anvil.url(), cfg.getProperty("publicRpcUrl"), "dev mode: wallets may add the dev chain");
        assertEquals("BlockHost dev chain", cfg.getProperty("chainName"));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("conf/org.blockhost.engine.evm.cfg"))), "0640");
        assertFalse(context.published.values().stream().anyMatch(v -> v.contains(anvil.url())),
                "the RPC URL is not in the finalization state: " + context.published);
        String text = Files.readString(dir.resolve("conf/org.blockhost.engine.evm.cfg"));
        String secret = host.getEcKeyPair().getPrivateKey().toString(16);
        assertFalse(text.contains(secret), "no secret in the configuration");
        context.answers.put(EngineConfigStep.PUBLIC_RPC_URL, "ftp://rpc.example");
        assertThrows(org.blockhost.installer.api.StepException.class, () -> EngineConfigStep.values(context),
                "a public RPC URL the URL rules refuse");
        context.answers.remove(EngineConfigStep.PUBLIC_RPC_URL);
        MapContext production = new MapContext(dir.resolve("prod"), false);
        production.answers.putAll(context.answers);
        production.published.putAll(context.published);
        production.answers.put(SetupChain.RPC_URL, "https://1.1.1.1/v3/secret-key");
        assertEquals("", EngineConfigStep.values(production).get("publicRpcUrl"),
                "outside dev mode the host's own RPC URL is never offered to wallets");
        production.answers.put(EngineConfigStep.PUBLIC_RPC_URL, "https://public-rpc.example");
        assertEquals("https://public-rpc.example", EngineConfigStep.values(production).get("publicRpcUrl"));
        context.answers.put(SetupChain.CHAIN_ID, "5");
        assertFalse(step.isComplete(context), "a changed value is rewritten");
        try (var listing = Files.list(dir.resolve("conf"))) {
            assertEquals(2, listing.count(), "keys dir + cfg, no temp file");
        }
    }

    @Test
    void refusesWithoutPublishedAddresses() {
        MapContext context = new MapContext(dir, true);
        context.answers.put(SetupChain.RPC_URL, anvil.url());
        context.answers.put(SetupChain.CHAIN_ID, "31337");
        assertThrows(StepException.class, () -> new EngineConfigStep().run(context));
        assertFalse(Files.exists(dir.resolve("conf/org.blockhost.engine.evm.cfg")));
    }

    @Test
    void theFileIsCreated0640EvenUnderAPermissiveExistingFile() throws Exception {
        Path file = dir.resolve("y.cfg");
        Files.writeString(file, "old=1\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.writeString(dir.resolve(".y.cfg.tmp"), "stale");
        Files.setPosixFilePermissions(dir.resolve(".y.cfg.tmp"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        EngineConfigFile.write(file, java.util.Map.of("rpcUrl", "https://rpc.example/v3/key"));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        assertEquals("https://rpc.example/v3/key", load(file).getProperty("rpcUrl"));
        assertFalse(Files.exists(dir.resolve(".y.cfg.tmp")));
    }

    @Test
    void escapesValuesForTheProperties() throws Exception {
        Path file = dir.resolve("x.cfg");
        EngineConfigFile.write(file, java.util.Map.of("hostKeyFile", " /a\\b\nc=d:é"));
        assertEquals(" /a\\b\nc=d:é", load(file).getProperty("hostKeyFile"));
        assertEquals(BigInteger.ONE.intValue(), load(file).size());
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }
}
