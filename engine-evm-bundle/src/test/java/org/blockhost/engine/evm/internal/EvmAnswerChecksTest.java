package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.installer.api.AccessKeyRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's answer checks (shared by the wizard and the answers file) and its access-key request. */
class EvmAnswerChecksTest {
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    @TempDir
    Path dir;

    @Test
    void stepsRefuseBadValuesOfTheFieldsTheyDeclare() {
        AdminCredentialStep admin = new AdminCredentialStep(EnginePostStepsTest.SEALER);
        assertTrue(admin.problem(AdminCredentialStep.ADMIN_WALLET, "0xnothex").isPresent());
        assertTrue(admin.problem(AdminCredentialStep.ADMIN_WALLET, "0x0000000000000000000000000000000000000000").isPresent());
        assertEquals(Optional.empty(), admin.problem(AdminCredentialStep.ADMIN_WALLET, CONTRACT));
        // 02 || x where x is not on the curve (x = 5 has no y on secp256k1)
        String offCurve = "02" + "0".repeat(63) + "5";
        assertTrue(admin.problem(AdminCredentialStep.ADMIN_ACCESS_KEY, offCurve).isPresent());
        assertTrue(admin.problem(AdminCredentialStep.ADMIN_ACCESS_KEY, "04" + "11".repeat(32)).isPresent());
        CreatePlansStep plans = new CreatePlansStep();
        assertTrue(plans.problem(CreatePlansStep.PLANS, "basic").get().contains("name:centsPerDay"));
        assertEquals(Optional.empty(), plans.problem(CreatePlansStep.PLANS, "basic:100,standard:200"));
        assertTrue(EvmAnswerChecks.problem(SetupChain.CHAIN_ID, "0").isPresent());
        assertTrue(EvmAnswerChecks.problem(SetupChain.CHAIN_ID, "abc").isPresent());
        assertEquals(Optional.empty(), EvmAnswerChecks.problem(SetupChain.CHAIN_ID, "31337"));
    }

    @Test
    void theAccessKeyMessageIsKnownOnceTheCredentialContractIsPublished() {
        MapContext context = new MapContext(dir, true);
        AdminCredentialStep step = new AdminCredentialStep(EnginePostStepsTest.SEALER);
        context.answers.put(SetupChain.CHAIN_ID, "31337");
        AccessKeyRequest before = step.request(context);
        assertFalse(before.message().isPresent());
        assertFalse(before.wallet().isPresent());
        context.published.put(DeployContractsStep.CREDENTIAL, CONTRACT);
        context.answers.put(AdminCredentialStep.ADMIN_WALLET, CONTRACT);
        AccessKeyRequest after = step.request(context);
        assertEquals(Optional.of(AccessKey.message("localhost", 31337, CONTRACT)), after.message());
        assertEquals(AdminCredentialStep.ADMIN_ACCESS_KEY, after.accessKeyKey());
        assertEquals(Optional.of(CONTRACT), after.wallet());
    }

    @Test
    void theMessageNamesThePublicHostTheNetworkPageAnswered() {
        MapContext prod = new MapContext(dir, false);
        AdminCredentialStep step = new AdminCredentialStep(EnginePostStepsTest.SEALER);
        prod.answers.put(SetupChain.CHAIN_ID, "31337");
        prod.published.put(DeployContractsStep.CREDENTIAL, CONTRACT);
        assertFalse(step.request(prod).message().isPresent(), "outside dev no host is assumed");
        prod.answers.put(org.blockhost.installer.api.SetupService.PUBLIC_HOST, "VM.example.com");
        assertEquals(Optional.of(AccessKey.message("vm.example.com", 31337, CONTRACT)), step.request(prod).message());
    }
}
