package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.funds.FundManager;
import org.blockhost.core.internal.funds.FundSettings;
import org.blockhost.core.internal.funds.FundStore;
import org.blockhost.core.internal.funds.TreasuryCalls;
import org.blockhost.core.internal.store.Database;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.Treasury;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Core's fund manager against this engine on anvil, roles as after setup (owner = account 2, the
 * admin wallet, which set the payout address to the host wallet, account 0): three purchases,
 * shares dev 2500 bp and ops 1000 bp from the address book, the rest to cold (addresses without keys). Exact amounts; a crash at each point of a run and a restart (a new engine and
 * manager on the same store) pays nothing twice.
 */
class FundManagerTest {
    static final String DEV = "0x00000000000000000000000000000000000de001";
    static final String OPS = "0x00000000000000000000000000000000000de002";
    static final String COLD = "0x00000000000000000000000000000000000de003";
    static final BigInteger REVENUE = BigInteger.valueOf(3 * 7 * 10_000); // 3 days at 7 cents, 6 decimals
    Anvil anvil;
    TestChain chain;
    TestChain.Deployment d;
    EvmEngine engine;
    Database db;
    EvmAddressBook book;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        d = chain.deployHandedOver(7);
        chain.sender(2).sendAndWait(d.subscriptions(), Abi.encode("setPayoutAddress", new Address(address(0))));
        chain.buy(d, 1, 3);
        book = new EvmAddressBook(dir.resolve("evm-addressbook.json"));
        book.add("dev", DEV);
        book.add("ops", OPS);
        book.add("cold", COLD);
        db = Database.open(dir.resolve("core.db"));
        engine = engine();
    }

    @AfterEach
    void stop() throws Exception {
        engine.deactivate();
        db.close();
        anvil.close();
    }

    private EvmEngine engine() throws Exception {
        EvmEngine e = new EvmEngine(new MemorySink(), Configs.evm(new HashMap<>(chain.engineConfig(d, dir))));
        EvmEngine self = e;
        ((EvmTreasury) e.treasury()).resolvingRoles(role -> WalletTools.resolve(self, book, role));
        return e;
    }

    private static FundSettings settings(String gasThreshold) {
        return FundSettings.of(false, 1440, new String[] {"dev=2500", "ops=1000"}, "cold", gasThreshold, 30);
    }

    private FundManager manager(Treasury treasury, String gasThreshold) {
        TreasuryCalls direct = new TreasuryCalls() {
            @Override
            public <T> T call(String where, TreasuryCall<T> call) throws FenceException {
                try {
                    return call.call(treasury);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new FenceException(where + ": " + e.getMessage(), true);
                }
            }
        };
        return new FundManager(new FundStore(db, Clock.systemUTC()), direct, settings(gasThreshold), Thread::sleep);
    }

    private BigInteger coin(String holder) throws Exception {
        return chain.callUint(d.coin(), "balanceOf", new Address(holder));
    }

    private BigInteger nonce() throws Exception {
        return anvil.web3j().ethGetTransactionCount(address(0), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    private void assertPaidExactlyOnce() throws Exception {
        BigInteger dev = REVENUE.multiply(BigInteger.valueOf(2500)).divide(BigInteger.valueOf(10_000));
        BigInteger ops = REVENUE.multiply(BigInteger.valueOf(1000)).divide(BigInteger.valueOf(10_000));
        assertEquals(BigInteger.valueOf(52_500), dev);
        assertEquals(dev, coin(DEV), "dev share");
        assertEquals(ops, coin(OPS), "ops share");
        assertEquals(REVENUE.subtract(dev).subtract(ops), coin(COLD), "the rest to cold");
        assertEquals(BigInteger.ZERO, coin(address(0)), "the host keeps none");
        assertEquals(BigInteger.ZERO, chain.callUint(d.coin(), "balanceOf", new Address(d.subscriptions())));
    }

    @Test
    void twoSharesAndTheRestArePaidExactlyAndADryRunSendsNothing() throws Exception {
        FundManager m = manager(engine.treasury(), "0.5");
        BigInteger before = nonce();
        FundManager.Report dry = m.dryRun();
        assertEquals(before, nonce(), "the dry run sends nothing");
        String text = String.join("\n", dry.lines());
        assertTrue(text.contains("would withdraw 0.21 TUSD"), text);
        assertTrue(text.contains("would pay 0.0525 TUSD to dev " + Eip55.checksum(DEV) + " (2500 bp)"), text);
        assertTrue(text.contains("would pay 0.021 TUSD to ops"), text);
        assertTrue(text.contains("would pay 0.1365 TUSD to cold"), text);

        FundManager.Report r = m.run();
        assertEquals("done", r.state(), r.toString());
        assertPaidExactlyOnce();
        assertEquals(before.add(BigInteger.valueOf(4)), nonce(), "withdraw + three transfers");
        assertEquals("done", m.run().state(), "a second run has nothing to pay");
        assertEquals(before.add(BigInteger.valueOf(4)), nonce(), "and sends nothing");
        assertPaidExactlyOnce();
    }

    @Test
    void belowTheGasThresholdNothingIsPaidUntilTheHostIsToppedUp() throws Exception {
        anvil.rpc("anvil_setBalance", address(0), "0x" + new BigInteger("1000000000000000000").toString(16));
        FundManager m = manager(engine.treasury(), "2");
        BigInteger before = nonce();
        FundManager.Report held = m.run();
        assertEquals("held", held.state(), held.toString());
        assertTrue(held.lines().get(0).contains("send at least 1 ETH"), held.lines().toString());
        assertEquals(before, nonce(), "nothing sent");
        assertEquals(BigInteger.ZERO, coin(DEV));
        anvil.rpc("anvil_setBalance", address(0), "0x" + new BigInteger("3000000000000000000").toString(16));
        assertEquals("done", m.run().state(), "the held run resumes");
        assertPaidExactlyOnce();
    }

    /** Crash points: 1/3 = transfer recorded but not broadcast, 2/4 = broadcast but its receipt not recorded, 0 = withdraw sent. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aCrashInTheMiddleAndARestartPayNothingTwice(int point) throws Exception {
        Crashing crashing = new Crashing(engine.treasury(), point);
        FundManager first = manager(crashing, "0.5");
        assertThrows(Crash.class, first::run);
        engine.deactivate();
        engine = engine(); // the restart: a new engine (fresh nonce counter) and manager on the same store
        FundManager.Report r = manager(engine.treasury(), "0.5").run();
        assertEquals("done", r.state(), r.toString());
        assertPaidExactlyOnce();
        assertEquals(BigInteger.ZERO, chain.callUint(d.coin(), "balanceOf", new Address(address(0))));
        List<FundStore.Transfer> rows = r.transfers();
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(t -> t.state().equals("paid")), rows.toString());
    }

    /** A SIGKILL stand-in: thrown through everything, nothing after it runs. */
    static final class Crash extends Error {
        Crash() {
            super("crash", null, false, false);
        }
    }

    /** The engine's treasury, crashing at one point of a run. */
    static final class Crashing implements Treasury {
        private final Treasury real;
        private final int point;
        private int transfers;

        Crashing(Treasury real, int point) {
            this.real = real;
            this.point = point;
        }

        @Override
        public String send(String asset, String to, BigInteger amount, Signed beforeBroadcast)
                throws org.blockhost.engine.api.ChainUnavailableException {
            transfers++;
            boolean beforeSend = point == 1 && transfers == 1 || point == 3 && transfers == 2;
            boolean afterSend = point == 2 && transfers == 1 || point == 4 && transfers == 2;
            String hash = real.send(asset, to, amount, (h, n) -> {
                beforeBroadcast.signed(h, n);
                if (beforeSend) {
                    throw new Crash();
                }
            });
            if (afterSend) {
                throw new Crash();
            }
            return hash;
        }

        @Override
        public String withdraw(String to) throws org.blockhost.engine.api.ChainUnavailableException {
            String hash = real.withdraw(to);
            if (point == 0) {
                throw new Crash();
            }
            return hash;
        }

        @Override
        public String address() {
            return real.address();
        }

        @Override
        public List<Balance> balances() throws org.blockhost.engine.api.ChainUnavailableException {
            return real.balances();
        }

        @Override
        public String send(String asset, String to, BigInteger amount) {
            throw new UnsupportedOperationException("the fund manager records before it sends");
        }

        @Override
        public String payoutAddress() throws org.blockhost.engine.api.ChainUnavailableException {
            return real.payoutAddress();
        }

        @Override
        public TxState transaction(String hash) throws org.blockhost.engine.api.ChainUnavailableException {
            return real.transaction(hash);
        }

        @Override
        public long minedNonce() throws org.blockhost.engine.api.ChainUnavailableException {
            return real.minedNonce();
        }

        @Override
        public Balance collected() throws org.blockhost.engine.api.ChainUnavailableException {
            return real.collected();
        }

        @Override
        public String roleAddress(String role) throws org.blockhost.engine.api.ChainUnavailableException {
            return real.roleAddress(role);
        }
    }
}
