package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.engine.api.CredentialSealer;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** Plans and the admin credential steps after {@link DeployContractsStep}, against anvil. */
class EnginePostStepsTest extends StepTestBase {
    static final CredentialSealer SEALER = (key, plaintext) -> AccessKey.encrypt(Hex.decode(key), plaintext);

    private MapContext deployed(int account) throws Exception {
        MapContext context = context(account);
        new DeployContractsStep().run(context);
        return context;
    }

    @Test
    void createsTheAnsweredPlansOnceByName() throws Exception {
        MapContext context = deployed(3);
        context.answers.put(CreatePlansStep.PLANS, "basic:150, pro plan:500");
        CreatePlansStep step = new CreatePlansStep();
        assertFalse(step.isComplete(context));
        step.run(context);
        assertTrue(step.isComplete(context));
        String subs = context.published.get(DeployContractsStep.SUBSCRIPTIONS);
        assertEquals(BigInteger.TWO, chain.callUint(subs, "planCount"));
        context.answers.put(CreatePlansStep.PLANS, "basic:150,pro plan:500,max:900");
        step.run(context);
        assertEquals(BigInteger.valueOf(3), chain.callUint(subs, "planCount"));
        BigInteger nonce = anvil.web3j().ethGetTransactionCount(address(3), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
        step.run(context);
        assertEquals(nonce, anvil.web3j().ethGetTransactionCount(address(3), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "basic", "basic:0", "basic:-1", "a:1,a:2", "x:12345678901", "bad;name:1", "a:1,,b:2"})
    void planAnswersFailClosed(String answer) {
        assertThrows(IllegalArgumentException.class, () -> PlanSpec.parse(answer));
    }

    @Test
    void mintsTheAdminCredentialZeroSealedToTheAdminsAccessKey() throws Exception {
        MapContext context = deployed(3);
        String credential = context.published.get(DeployContractsStep.CREDENTIAL);
        byte[] adminKey = Hex.decode(TestChain.KEYS[2]);
        EthSignature signature = PersonalSign.sign(adminKey, AccessKey.message("localhost", 31337,
                org.blockhost.crypto.api.Eip55.checksum(credential)));
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, address(2));
        context.answers.put(AdminCredentialStep.ADMIN_ACCESS_KEY, Hex.encode(AccessKey.publicKey(signature)));
        AdminCredentialStep step = new AdminCredentialStep(SEALER);
        assertFalse(step.isComplete(context));
        step.run(context);
        assertTrue(step.isComplete(context));
        step.run(context);
        assertEquals(BigInteger.ONE, chain.callUint(credential, "balanceOf", new Address(address(2))));
        assertEquals(address(2), chain.call(credential, "ownerOf", List.of(new TypeReference<Address>() { }),
                new Uint256(0)).get(0).getValue());
        byte[] sealed = (byte[]) chain.call(credential, "getCredentials", List.of(new TypeReference<DynamicBytes>() { }),
                new Uint256(0)).get(0).getValue();
        assertEquals("{\"v\":1,\"role\":\"admin\"}", new String(AccessKey.decrypt(signature, sealed),
                StandardCharsets.UTF_8));
    }

    @Test
    void handOverGivesTheOwnerRoleToTheAdminWalletOnceAndKeepsTheHostKeyOperator() throws Exception {
        MapContext context = deployed(3);
        context.answers.put(CreatePlansStep.PLANS, "basic:150");
        new CreatePlansStep().run(context);
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, address(2));
        HandOverStep step = new HandOverStep();
        assertFalse(step.isComplete(context));
        step.run(context);
        assertTrue(step.isComplete(context));
        BigInteger nonce = anvil.web3j().ethGetTransactionCount(address(3), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
        step.run(context);
        assertEquals(nonce, anvil.web3j().ethGetTransactionCount(address(3), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount(), "a retry sends nothing");
        String subs = context.published.get(DeployContractsStep.SUBSCRIPTIONS);
        for (String contract : List.of(subs, context.published.get(DeployContractsStep.CREDENTIAL))) {
            assertEquals(address(2), chain.call(contract, "owner", List.of(new TypeReference<Address>() { })).get(0)
                    .getValue());
            assertEquals(address(3), chain.call(contract, "operator", List.of(new TypeReference<Address>() { })).get(0)
                    .getValue());
        }
        assertEquals(address(2), chain.call(subs, "payoutAddress", List.of(new TypeReference<Address>() { })).get(0)
                .getValue());
        // the host key can no longer change plans: a new plan now needs the admin wallet
        context.answers.put(CreatePlansStep.PLANS, "basic:150,pro:900");
        assertThrows(StepException.class, () -> new CreatePlansStep().run(context));
        assertEquals(BigInteger.ONE, chain.callUint(subs, "planCount"));
        // deploy step reruns still pass (nothing to change)
        new DeployContractsStep().run(context);
    }

    @Test
    void handOverRefusesTheHostKeyAsAdminWallet() throws Exception {
        MapContext context = deployed(3);
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, address(3));
        StepException e = assertThrows(StepException.class, () -> new HandOverStep().run(context));
        assertTrue(e.getMessage().contains("must not be the host key"), e.getMessage());
    }

    @Test
    void adminStepRefusesBadAnswers() throws Exception {
        MapContext context = deployed(3);
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, "0xnothex");
        context.answers.put(AdminCredentialStep.ADMIN_ACCESS_KEY, "02" + "11".repeat(32));
        assertThrows(StepException.class, () -> new AdminCredentialStep(SEALER).run(context));
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, address(2));
        context.answers.put(AdminCredentialStep.ADMIN_ACCESS_KEY, "04" + "11".repeat(32));
        assertThrows(StepException.class, () -> new AdminCredentialStep(SEALER).run(context));
    }

    @Test
    void adminStepWithoutAccessKeySaysWhatToSign() {
        MapContext context = new MapContext(java.nio.file.Path.of("unused"), true);
        String credential = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        context.answers.put(SetupChain.CHAIN_ID, "31337");
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, address(2));
        context.published.put(DeployContractsStep.CREDENTIAL, credential);
        StepException e = assertThrows(StepException.class, () -> new AdminCredentialStep(SEALER).run(context));
        assertTrue(e.getMessage().startsWith("missing answer 'evm.adminAccessKey': the admin wallet "
                + org.blockhost.crypto.api.Eip55.checksum(address(2)) + " must sign"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"BlockHost access key\\nHost: localhost\\nChain ID: 31337\\nContract: "
                + credential + "\\nVersion: 1\""), e.getMessage());
        assertTrue(e.getMessage().contains("blockhost crypto access-key --signature -"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
