package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.blockhost.crypto.api.Eip55;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The engine's operator calls with the roles as after setup: owner = account 2 (the cold admin
 * wallet), operator = account 0 (the engine's host key). Marking destroyed subscriptions
 * idempotently, and withdrawals that only go to the payout address (and their state by hash).
 */
class EngineOperatorCallsTest {
    Anvil anvil;
    TestChain chain;
    TestChain.Deployment d;
    EvmEngine engine;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        d = chain.deployHandedOver(100);
        chain.buy(d, 1, 2);
        Path key = dir.resolve("host.key");
        Files.writeString(key, TestChain.KEYS[0]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Map<String, Object> c = new HashMap<>(Map.of("chainId", TestChain.CHAIN_ID, "rpcUrl", anvil.url(),
                "devMode", true, "subscriptionsAddress", d.subscriptions(), "credentialAddress", d.credential(),
                "hostKeyFile", key.toString(), "confirmations", 0, "pollIntervalMs", 20L));
        engine = new EvmEngine(new MemorySink(), Configs.evm(c));
    }

    @AfterEach
    void stop() throws Exception {
        engine.deactivate();
        anvil.close();
    }

    private BigInteger nonce(DefaultBlockParameterName tag) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(0), tag).send().getTransactionCount();
    }

    private boolean destroyed(long id) throws Exception {
        return (Boolean) chain.call(d.subscriptions(), "isDestroyed", List.of(new TypeReference<Bool>() { }), u(id))
                .get(0).getValue();
    }

    @Test
    void subscriptionDestroyedIsSentOnceAndBlocksRenewals() throws Exception {
        engine.subscriptionDestroyed(1);
        assertTrue(destroyed(1));
        assertFalse(destroyed(2));
        BigInteger after = nonce(DefaultBlockParameterName.LATEST);
        engine.subscriptionDestroyed(1);
        engine.subscriptionDestroyed(99); // unknown on chain (a reorged purchase): nothing to record
        assertEquals(after, nonce(DefaultBlockParameterName.LATEST), "nothing sent again");
        chain.assertRevert("SubscriptionIsDestroyed(uint256)", 1, d.subscriptions(), "extendSubscription", u(1), u(1),
                TestChain.ANY_PRICE);
        chain.tx(chain.sender(1), d.subscriptions(), "extendSubscription", u(2), u(1), TestChain.ANY_PRICE);
    }

    @Test
    void aMarkStillPendingFromACrashedRunIsWaitedForNotSentTwice() throws Exception {
        anvil.rpc("evm_setAutomine", false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            chain.sender(0).send(d.subscriptions(), Abi.encode("markDestroyed", u(2)), BigInteger.ZERO);
            BigInteger pending = nonce(DefaultBlockParameterName.PENDING);
            Future<?> call = pool.submit(() -> {
                engine.subscriptionDestroyed(2);
                return null;
            });
            Thread.sleep(300);
            assertFalse(call.isDone(), "waits for the pending mark");
            assertEquals(pending, nonce(DefaultBlockParameterName.PENDING), "no second transaction");
            anvil.mine(1);
            call.get(30, TimeUnit.SECONDS);
            assertTrue(destroyed(2));
        } finally {
            pool.shutdownNow();
            anvil.rpc("evm_setAutomine", true);
        }
    }

    @Test
    void withdrawalsGoOnlyToThePayoutAddress() throws Exception {
        EvmTreasury treasury = (EvmTreasury) engine.treasury();
        assertEquals(Eip55.checksum(address(2)), treasury.payoutAddress(), "by default the owner (admin wallet)");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> treasury.withdraw(address(0)));
        assertTrue(refused.getMessage().contains(Eip55.checksum(address(2))), refused.getMessage());
        BigInteger collected = chain.callUint(d.coin(), "balanceOf", new Address(d.subscriptions()));
        String hash = treasury.withdraw(address(2));
        assertTrue(chain.sender(0).waitForReceipt(hash).isStatusOK());
        org.blockhost.engine.api.Treasury api = engine.treasury();
        assertEquals(Eip55.checksum(address(2)), api.payoutAddress());
        assertEquals(org.blockhost.engine.api.Treasury.TxState.State.CONFIRMED, api.transaction(hash).state());
        assertTrue(api.transaction(hash).confirmations() >= 1);
        assertEquals(org.blockhost.engine.api.Treasury.TxState.State.UNKNOWN, api.transaction("0x" + "ab".repeat(32)).state());
        assertThrows(IllegalArgumentException.class, () -> api.transaction("0x12"));
        assertEquals(collected, chain.callUint(d.coin(), "balanceOf", new Address(address(2))));
        assertEquals(BigInteger.ZERO, chain.callUint(d.coin(), "balanceOf", new Address(d.subscriptions())));
    }

    @Test
    void revenuePerDayCountsEveryPaymentOnce() throws Exception {
        org.blockhost.engine.api.Treasury treasury = engine.treasury();
        List<org.blockhost.engine.api.Treasury.DailyAmount> days = treasury.revenue(3);
        assertEquals(3, days.size());
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC), days.get(2).day());
        BigInteger oneDay = BigInteger.valueOf(1_000_000); // 100 cents at 6 decimals
        assertEquals(oneDay.multiply(BigInteger.TWO), days.get(2).amount(), "the two purchases of the set-up");
        assertEquals(BigInteger.ZERO, days.get(0).amount());
        assertEquals(6, days.get(2).decimals());
        chain.tx(chain.sender(1), d.subscriptions(), "extendSubscription", u(1), u(2), TestChain.ANY_PRICE);
        assertEquals(oneDay.multiply(BigInteger.valueOf(4)), treasury.revenue(1).get(0).amount(), "a renewal of 2 days added once");
        assertEquals(oneDay.multiply(BigInteger.valueOf(4)), treasury.revenue(1).get(0).amount(), "nothing counted twice");
        assertThrows(IllegalArgumentException.class, () -> treasury.revenue(0));
    }
}
