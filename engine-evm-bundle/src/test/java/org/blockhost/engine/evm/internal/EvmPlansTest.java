package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.PlanManager.Change;
import org.blockhost.engine.api.PlanManager.Outcome;
import org.blockhost.engine.api.PlanManager.Plan;
import org.blockhost.engine.api.PlanManager.RefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Plans on anvil: the host key sends changes while it owns the contract; after the hand-over the
 * outcome carries the call for the owner wallet and nothing is sent; refused changes send nothing.
 */
class EvmPlansTest {
    Anvil anvil;
    TestChain chain;

    @BeforeEach
    void start() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterEach
    void stop() throws Exception {
        anvil.close();
    }

    private EvmPlans plans(TestChain.Deployment d) {
        TxSender host = new TxSender(anvil.web3j(), org.web3j.crypto.Credentials.create(TestChain.KEYS[0]),
                TestChain.CHAIN_ID, Duration.ofMillis(10), Duration.ofSeconds(60));
        return new EvmPlans(chain.calls, host, d.subscriptions());
    }

    private BigInteger hostNonce() throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(0), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    @Test
    void theHostKeyOwningTheContractCreatesRepricesAndRetires() throws Exception {
        TestChain.Deployment d = chain.deployAll(0);
        EvmPlans plans = plans(d);
        assertEquals(List.of(), plans.plans());
        Outcome created = plans.apply(Change.create("basic", 150));
        assertTrue(created.isSent());
        assertEquals(1, created.planId());
        assertEquals(2, plans.apply(Change.create("pro", 500)).planId());
        assertTrue(plans.apply(Change.price(1, 175)).isSent());
        assertTrue(plans.apply(Change.retire(2)).isSent());
        assertEquals(List.of(new Plan(1, "basic", 175, true), new Plan(2, "pro", 500, false)), plans.plans());
        assertTrue(anvil.web3j().ethGetTransactionReceipt(created.transaction().orElseThrow()).send()
                .getTransactionReceipt().orElseThrow().isStatusOK());
    }

    @Test
    void changesThatDoNotFitThePlansSendNothing() throws Exception {
        TestChain.Deployment d = chain.deployAll(0);
        EvmPlans plans = plans(d);
        plans.apply(Change.create("basic", 150));
        plans.apply(Change.retire(1));
        BigInteger before = hostNonce();
        assertTrue(assertThrows(RefusedException.class, () -> plans.apply(Change.price(7, 100)))
                .getMessage().contains("no plan 7"));
        assertTrue(assertThrows(RefusedException.class, () -> plans.apply(Change.retire(1)))
                .getMessage().contains("retired already"));
        assertTrue(assertThrows(RefusedException.class, () -> plans.apply(Change.create("basic", 100)))
                .getMessage().contains("already called"));
        assertEquals(before, hostNonce(), "nothing sent");
    }

    @Test
    void afterTheHandOverTheOwnerWalletGetsTheCallAndTheHostSendsNothing() throws Exception {
        TestChain.Deployment d = chain.deployAll(2);
        chain.tx(chain.sender(2), d.subscriptions(), "createPlan", new org.web3j.abi.datatypes.Utf8String("basic"),
                SubscriptionsContractTest.u(100));
        EvmPlans plans = plans(d);
        BigInteger before = hostNonce();
        Outcome outcome = plans.apply(Change.price(1, 250));
        assertFalse(outcome.isSent());
        assertEquals(Eip55.checksum(address(2)), outcome.owner());
        assertEquals(Eip55.checksum(d.subscriptions()), outcome.to());
        assertEquals(before, hostNonce(), "the host key sent nothing");
        assertEquals(100, plans.plans().get(0).centsPerDay());
        assertTrue(chain.sender(2).sendAndWait(outcome.to(), outcome.data()).isStatusOK(), "the owner's call works");
        assertEquals(new Plan(1, "basic", 250, true), plans.plans().get(0));
    }
}
