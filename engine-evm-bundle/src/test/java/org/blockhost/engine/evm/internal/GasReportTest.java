package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.ANY_PRICE;
import static org.blockhost.engine.evm.internal.TestChain.accessKey;
import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The gas of every state-changing function of both contracts on anvil, credentials of 200 and 400
 * random bytes (the size of a sealed credential), written to {@code target/gas-report.md} with the
 * cost in USD at {@link #GWEI} gwei and {@link #USD_PER_ETH} USD per ETH. Asserts the cost-per-sale
 * targets: the host's mint of a sale ≤ 150,000 gas, the buyer's purchase ≤ 110,000.
 */
class GasReportTest {
    static final long GWEI = 20;
    static final long USD_PER_ETH = 3000;
    static Anvil anvil;
    static TestChain chain;
    private final List<String> rows = new ArrayList<>();
    private final Random random = new Random(24);

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    @Test
    void report() throws Exception {
        TxSender host = chain.sender(0);
        TestChain.Deployment d = chain.deployAll();
        String s = d.subscriptions();
        String c = d.credential();
        record("BlockhostSubscriptions", "setStablecoin", "", chain.tx(host, s, "setStablecoin", new Address(d.coin())));
        record("BlockhostSubscriptions", "createPlan", "first plan", chain.tx(host, s, "createPlan",
                new Utf8String("basic"), u(100)));
        record("BlockhostSubscriptions", "createPlan", "second plan", chain.tx(host, s, "createPlan",
                new Utf8String("large"), u(400)));
        record("BlockhostSubscriptions", "updatePlan", "new price", chain.tx(host, s, "updatePlan", u(2),
                new Utf8String("large"), u(500), new Bool(true)));
        chain.fund(d, 1);
        chain.fund(d, 3);
        long firstBuy = record("BlockhostSubscriptions", "buySubscription", "first purchase on the contract", buy(1, s));
        long buy = record("BlockhostSubscriptions", "buySubscription", "a later purchase (a sale)", buy(1, s));
        buy(3, s);
        buy(3, s);
        buy(1, s);
        record("BlockhostSubscriptions", "extendSubscription", "30 days", chain.tx(chain.sender(1), s,
                "extendSubscription", u(1), u(30), ANY_PRICE));
        long admin = record("AccessCredential", "mint", "admin credential #0, 200 B", mint(host, c, 2, 0, 200));
        long mint200 = record("AccessCredential", "mint", "subscription, 200 B, wallet's first token",
                mint(host, c, 1, 1, 200));
        record("AccessCredential", "mint", "subscription, 200 B, wallet holds one", mint(host, c, 1, 2, 200));
        long mint400 = record("AccessCredential", "mint", "subscription, 400 B, wallet's first token",
                mint(host, c, 3, 3, 400));
        record("AccessCredential", "mint", "subscription, 400 B, wallet holds one", mint(host, c, 3, 4, 400));
        record("AccessCredential", "mint", "subscription, 168 B (ECIES with a compressed ephemeral key), wallet "
                + "holds two", mint(host, c, 1, 5, 168));
        long token1 = tokenOf(c, 1);
        record("AccessCredential", "setAccessKey", "first rotation", chain.tx(chain.sender(1), c, "setAccessKey",
                u(token1), accessKey(3)));
        record("AccessCredential", "updateCredentials", "200 B, first update", update(host, c, token1, 200));
        record("AccessCredential", "updateCredentials", "200 B, next update", update(host, c, token1, 200));
        record("AccessCredential", "updateCredentials", "400 B, first update", update(host, c, tokenOf(c, 3), 400));
        record("AccessCredential", "transferFrom", "to a new wallet", chain.tx(chain.sender(1), c, "transferFrom",
                new Address(address(1)), new Address(address(2)), u(tokenOf(c, 2))));
        record("AccessCredential", "approve", "", chain.tx(chain.sender(3), c, "approve", new Address(address(2)),
                u(tokenOf(c, 4))));
        record("BlockhostSubscriptions", "markDestroyed", "", chain.tx(host, s, "markDestroyed", u(2)));
        record("BlockhostSubscriptions", "cancelSubscription", "", chain.tx(host, s, "cancelSubscription", u(3)));
        record("BlockhostSubscriptions", "setPayoutAddress", "", chain.tx(host, s, "setPayoutAddress",
                new Address(address(2))));
        record("BlockhostSubscriptions", "withdraw", "", chain.tx(host, s, "withdraw", new Address(d.coin())));
        record("both", "setOperator", "", chain.tx(host, c, "setOperator", new Address(address(0))));
        record("both", "transferOwnership", "", chain.tx(host, s, "transferOwnership", new Address(address(2))));
        write();
        assertTrue(mint200 <= 150_000, "host gas per sale (mint, 200 B): " + mint200);
        assertTrue(buy <= 110_000, "buyer's purchase: " + buy);
        assertTrue(firstBuy > 0 && admin > 0 && mint400 > 0);
    }

    private TransactionReceipt buy(int account, String s) throws Exception {
        return chain.tx(chain.sender(account), s, "buySubscription", u(1), u(30), accessKey(2), ANY_PRICE);
    }

    private TransactionReceipt mint(TxSender host, String c, int to, long subscription, int size) throws Exception {
        return chain.tx(host, c, "mint", new Address(address(to)), u(subscription), sealed(size));
    }

    private TransactionReceipt update(TxSender host, String c, long token, int size) throws Exception {
        return chain.tx(host, c, "updateCredentials", u(token), sealed(size));
    }

    private long tokenOf(String c, long subscription) throws Exception {
        return ((BigInteger) chain.call(c, "tokenOfSubscription", List.of(new TypeReference<Bool>() { },
                new TypeReference<Uint256>() { }), u(subscription)).get(1).getValue()).longValueExact();
    }

    /** Random bytes: a sealed credential is indistinguishable from them (nearly every byte non-zero). */
    private DynamicBytes sealed(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return new DynamicBytes(b);
    }

    private long record(String contract, String function, String note, TransactionReceipt receipt) {
        assertTrue(receipt.isStatusOK(), function + " " + note);
        long gas = receipt.getGasUsed().longValueExact();
        double usd = gas * GWEI * 1e-9 * USD_PER_ETH;
        rows.add(String.format(Locale.ROOT, "| %s | `%s` | %s | %,d | %.2f |", contract, function, note, gas, usd));
        return gas;
    }

    private void write() throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "| contract | function | case | gas | USD at %d gwei, %,d USD/ETH |%n|---|---|---|---:|---:|%n",
                GWEI, USD_PER_ETH));
        rows.forEach(r -> out.append(r).append('\n'));
        Path file = Path.of("target", "gas-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.print(out);
    }
}
