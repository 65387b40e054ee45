package org.blockhost.core.internal.funds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.store.Database;
import org.blockhost.engine.api.Treasury;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fund manager's rules with a test double of the engine's treasury (the anvil test is
 * {@code FundManagerTest} in the EVM engine): refusals send nothing, a recorded transaction whose
 * nonce another transaction took is sent again, a transfer the engine refuses ends the run failed.
 */
class FundManagerRulesTest {
    static final String HOST = "0x00000000000000000000000000000000000000a0";
    Database db;
    Ledger ledger;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("core.db"));
        ledger = new Ledger();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FundManager manager(String... shares) {
        TreasuryCalls direct = new TreasuryCalls() {
            @Override
            public <T> T call(String where, TreasuryCall<T> call) throws FenceException {
                try {
                    return call.call(ledger);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new FenceException(where + ": " + e.getMessage(), true);
                }
            }
        };
        return new FundManager(new FundStore(db, Clock.systemUTC()), direct,
                FundSettings.of(false, 60, shares, "admin", "0.01", 10), millis -> { });
    }

    @Test
    void sharesWithAPayoutThatIsNotTheHostAreRefusedAndNothingIsSent() throws Exception {
        ledger.payout = "0x00000000000000000000000000000000000000b0";
        FundManager.Report r = manager("dev=1000").run();
        assertEquals("refused", r.state());
        assertTrue(r.lines().get(0).contains("setPayoutAddress(" + HOST + ")"), r.lines().toString());
        assertEquals(List.of(), ledger.sent);
    }

    @Test
    void anUnknownRoleIsRefusedAndNothingIsSent() throws Exception {
        FundManager.Report r = manager("nobody=1000").run();
        assertEquals("refused", r.state());
        assertTrue(r.lines().get(0).contains("unknown role(s) in the fund manager's settings: nobody"), r.lines().toString());
        assertEquals(List.of(), ledger.sent);
    }

    @Test
    void aRecordedTransferWhoseNonceAnotherTransactionTookIsSentAgainOnce() throws Exception {
        ledger.dropFirstTransfer = true;
        FundManager.Report r = manager("dev=1000").run();
        assertEquals("done", r.state(), r.toString());
        assertEquals(List.of("withdraw", "transfer dev 100", "transfer dev 100", "transfer admin 900"), ledger.sent);
        assertEquals(BigInteger.valueOf(100), ledger.coin.get("dev"));
        assertEquals(BigInteger.valueOf(900), ledger.coin.get("admin"));
    }

    @Test
    void aTransferTheEngineRefusesEndsTheRunFailedAndTheNextRunPaysFromTheBalance() throws Exception {
        ledger.refuseNext = true;
        FundManager m = manager("dev=1000");
        FundManager.Report r = m.run();
        assertEquals("failed", r.state(), r.toString());
        assertTrue(r.lines().get(0).contains("not sent: the transfer would revert"), r.lines().toString());
        assertEquals("done", m.run().state());
        assertEquals(BigInteger.valueOf(100), ledger.coin.get("dev"));
        assertEquals(BigInteger.valueOf(900), ledger.coin.get("admin"));
    }

    /**
     * A reconfiguration re-activates the component: a new manager on the same store while the old
     * one's run has recorded a transfer and not yet broadcast it (the node does not know it). The
     * new manager's run waits for the old one instead of sending that transfer again.
     */
    @Test
    void aSecondManagerOnTheSameStoreWaitsForTheRunInFlightAndPaysNothingTwice() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        ledger.hold = hold;
        ledger.held = new CountDownLatch(1);
        FundManager before = manager("dev=1000");
        FundManager after = manager("dev=1000");
        List<String> states = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread first = runner(before, states);
        assertTrue(ledger.held.await(10, TimeUnit.SECONDS), "the first run records dev's transfer");
        Thread second = runner(after, states);
        second.join(500);
        hold.countDown();
        first.join(10_000);
        second.join(10_000);
        assertEquals(List.of("withdraw", "transfer dev 100", "transfer admin 900"), ledger.sent, "each paid once");
        assertEquals(BigInteger.valueOf(100), ledger.coin.get("dev"));
        assertEquals(BigInteger.valueOf(900), ledger.coin.get("admin"));
        assertEquals(List.of("done", "done"), states, "the second run found nothing left to pay");
    }

    private static Thread runner(FundManager m, List<String> states) {
        Thread t = new Thread(() -> {
            try {
                states.add(m.run().state());
            } catch (Exception e) {
                states.add(e.toString());
            }
        });
        t.start();
        return t;
    }

    /** A chain in memory: the contract holds 1000 units; the host pays from its balance. */
    static final class Ledger implements Treasury {
        final List<String> sent = new ArrayList<>();
        final Map<String, BigInteger> coin = new HashMap<>();
        final Map<String, TxState.State> txs = new HashMap<>();
        String payout = HOST;
        BigInteger contract = BigInteger.valueOf(1000);
        BigInteger host = BigInteger.ZERO;
        long nonce;
        boolean dropFirstTransfer;
        boolean refuseNext;
        /** When set, the first transfer waits between being recorded and being broadcast until it opens. */
        volatile CountDownLatch hold;
        volatile CountDownLatch held;

        @Override
        public String address() {
            return HOST;
        }

        @Override
        public List<Balance> balances() {
            return List.of(new Balance("ETH", BigInteger.TEN.pow(18), 18), new Balance("TUSD", host, 6));
        }

        @Override
        public Balance collected() {
            return new Balance("TUSD", contract, 6);
        }

        @Override
        public String payoutAddress() {
            return payout;
        }

        @Override
        public String roleAddress(String role) {
            if (!role.equals("dev") && !role.equals("admin")) {
                throw new IllegalArgumentException("unknown role " + role);
            }
            return role;
        }

        @Override
        public String send(String asset, String to, BigInteger amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String send(String asset, String to, BigInteger amount, Signed beforeBroadcast) {
            if (refuseNext) {
                refuseNext = false;
                throw new IllegalArgumentException("the transfer would revert: 0x");
            }
            String hash = "0x" + String.format("%064x", ++nonce);
            try {
                beforeBroadcast.signed(hash, nonce);
                CountDownLatch wait = hold;
                if (wait != null) {
                    hold = null;
                    held.countDown();
                    wait.await(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sent.add("transfer " + to + " " + amount);
            if (dropFirstTransfer) {
                dropFirstTransfer = false;
                nonce++; // another transaction took the nonce: this one can never be mined
                txs.put(hash, TxState.State.UNKNOWN);
                return hash;
            }
            host = host.subtract(amount);
            coin.merge(to, amount, BigInteger::add);
            txs.put(hash, TxState.State.CONFIRMED);
            return hash;
        }

        @Override
        public String withdraw(String to) {
            String hash = "0x" + String.format("%064x", ++nonce);
            sent.add("withdraw");
            host = host.add(contract);
            contract = BigInteger.ZERO;
            txs.put(hash, TxState.State.CONFIRMED);
            return hash;
        }

        @Override
        public TxState transaction(String hash) {
            return new TxState(hash, txs.getOrDefault(hash, TxState.State.UNKNOWN), 1);
        }

        @Override
        public long minedNonce() {
            return nonce;
        }
    }
}
