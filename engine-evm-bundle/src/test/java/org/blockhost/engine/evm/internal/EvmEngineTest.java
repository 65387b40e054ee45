package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.key;
import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.Treasury;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;

/** The engine service as DS would build it, against anvil, with a test-double sink. */
class EvmEngineTest {
    static Anvil anvil;
    static TestChain chain;
    static TestChain.Deployment d;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        d = chain.deployAll();
        TxSender owner = chain.sender(0);
        chain.tx(owner, d.subscriptions(), "setStablecoin", new Address(d.coin()));
        chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("basic"), u(100));
        chain.tx(owner, d.coin(), "mint", new Address(address(1)), u(1_000_000_000L));
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    private Map<String, Object> config() throws Exception {
        return chain.engineConfig(d, dir);
    }

    @Test
    void engineServesAddressesSignaturesHeadCredentialsAndTreasury() throws Exception {
        MemorySink sink = new MemorySink();
        EvmEngine engine = new EvmEngine(sink, Configs.evm(config()));
        try {
            assertEquals("evm", engine.id());
            String signer = Eip55.checksum(address(1));
            String signature = PersonalSign.sign(org.blockhost.crypto.api.Hex.decode(TestChain.KEYS[1]), "hello")
                    .toHex();
            assertEquals(signer, engine.recoverSigner("hello", signature));
            assertThrows(InvalidSignatureException.class, () -> engine.recoverSigner("hello", "0x1234"));
            assertEquals(signer, engine.addressFormat().normalise(address(1)));
            ChainHead head = engine.head();
            assertTrue(head.number() > 0 && head.finalizedNumber() <= head.number());

            assertEquals(0L, engine.credentials().mint(0, address(3), new byte[] {1}));
            assertEquals(Eip55.checksum(address(3)), engine.credentials().adminHolder().orElseThrow());

            List<Treasury.Balance> balances = engine.treasury().balances();
            assertEquals("ETH", balances.get(0).asset());
            assertEquals("TUSD", balances.get(1).asset());
            assertEquals(6, balances.get(1).decimals());
            String tx = engine.treasury().send("ETH", address(2), BigInteger.TEN);
            assertTrue(chain.sender(0).waitForReceipt(tx).isStatusOK());

            TxSender buyer = chain.sender(1);
            chain.tx(buyer, d.coin(), "approve", new Address(d.subscriptions()), u(1_000_000_000L));
            chain.tx(buyer, d.subscriptions(), "buySubscription", u(1), u(3), key(2, 33), TestChain.ANY_PRICE);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.events.stream().noneMatch(e -> e instanceof ChainEvent.SubscriptionCreated)) {
                assertTrue(System.nanoTime() < deadline, "the watcher delivers the purchase");
                Thread.sleep(20);
            }
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void refusesLoopbackRpcOutsideDevModeAndAWrongChainIdNeverReadsEvents() throws Exception {
        Map<String, Object> c = config();
        c.put("devMode", false);
        assertThrows(IllegalArgumentException.class, () -> new EvmEngine(new MemorySink(), Configs.evm(c)));
        c.put("devMode", true);
        c.put("chainId", 1L);
        MemorySink sink = new MemorySink();
        EvmEngine wrongChain = new EvmEngine(sink, Configs.evm(c));
        Thread.sleep(300);
        wrongChain.deactivate();
        assertEquals(0, sink.commits);
    }
}
