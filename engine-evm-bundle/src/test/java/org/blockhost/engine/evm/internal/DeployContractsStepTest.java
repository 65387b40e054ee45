package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The contract deployment finalization step against anvil: deploys once, reuses afterwards. */
class DeployContractsStepTest extends StepTestBase {
    private static BigInteger nonce(int account) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(account), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    @Test
    void deploysOnceInDevModeThenReuses() throws Exception {
        DeployContractsStep step = new DeployContractsStep();
        MapContext context = context(3);
        assertFalse(step.isComplete(context));
        step.run(context);
        assertTrue(step.isComplete(context));
        String subs = context.published.get(DeployContractsStep.SUBSCRIPTIONS);
        String coin = context.published.get(DeployContractsStep.STABLECOIN);
        assertEquals(coin.toLowerCase(), chain.call(subs, "stablecoin", List.of(new TypeReference<Address>() { }))
                .get(0).getValue());
        String cred = context.published.get(DeployContractsStep.CREDENTIAL);
        for (String role : List.of("owner", "operator")) {
            assertEquals(address(3), chain.call(cred, role, List.of(new TypeReference<Address>() { })).get(0).getValue());
            assertEquals(address(3), chain.call(subs, role, List.of(new TypeReference<Address>() { })).get(0).getValue());
        }
        assertEquals(subs.toLowerCase(), chain.call(cred, "subscriptions", List.of(new TypeReference<Address>() { }))
                .get(0).getValue());
        assertTrue(context.published.containsKey(DeployContractsStep.START_BLOCK));

        BigInteger before = nonce(3);
        step.run(context);
        assertEquals(before, nonce(3), "a retry sends nothing");
        assertEquals(subs, context.published.get(DeployContractsStep.SUBSCRIPTIONS));
    }

    /** An installed host's new host key has no funds: the failure names the address to fund, nothing is sent. */
    @Test
    void anUnfundedHostWalletIsNamedBeforeAnythingIsSent() throws Exception {
        MapContext context = context(0);
        org.web3j.crypto.Credentials fresh = org.web3j.crypto.Credentials.create(org.web3j.crypto.Keys.createEcKeyPair());
        java.nio.file.Path key = dir.resolve("fresh.key");
        java.nio.file.Files.writeString(key, org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(fresh.getEcKeyPair().getPrivateKey(), 64));
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        context.answers.put(SetupChain.HOST_KEY_FILE, key.toString());
        StepException e = assertThrows(StepException.class, () -> new DeployContractsStep().run(context));
        assertTrue(e.getMessage().contains(org.blockhost.crypto.api.Eip55.checksum(fresh.getAddress()) + " has no funds"), e.getMessage());
        assertTrue(context.published.get(DeployContractsStep.SUBSCRIPTIONS) == null, "nothing deployed");
    }

    @Test
    void reusesAnsweredAddressesOnlyWhenTheHostKeyOperatesThem() throws Exception {
        TestChain.Deployment owned = chain.deployAll(); // owned by account 0
        MapContext context = context(0);
        context.answers.put(DeployContractsStep.SUBSCRIPTIONS, owned.subscriptions());
        context.answers.put(DeployContractsStep.CREDENTIAL, owned.credential());
        context.answers.put(DeployContractsStep.STABLECOIN, owned.coin());
        new DeployContractsStep().run(context);
        assertEquals(owned.subscriptions().toLowerCase(),
                context.published.get(DeployContractsStep.SUBSCRIPTIONS).toLowerCase());

        MapContext stranger = context(1);
        stranger.answers.put(DeployContractsStep.SUBSCRIPTIONS, owned.subscriptions());
        StepException e = assertThrows(StepException.class, () -> new DeployContractsStep().run(stranger));
        assertTrue(e.getMessage().contains("not by the host key"), e.getMessage());
    }

    @Test
    void refusesAWrongChainIdBadAnswersAndProductionWithoutAStablecoin() throws Exception {
        MapContext wrongChain = context(0);
        wrongChain.answers.put(SetupChain.CHAIN_ID, "1");
        assertThrows(StepException.class, () -> new DeployContractsStep().run(wrongChain));
        MapContext badAddress = context(0);
        badAddress.answers.put(DeployContractsStep.STABLECOIN, "0x1234");
        assertThrows(StepException.class, () -> new DeployContractsStep().run(badAddress));
        MapContext production = context(0);
        production.dev = false;
        assertThrows(StepException.class, () -> new DeployContractsStep().run(production), "loopback RPC refused");
    }
}
