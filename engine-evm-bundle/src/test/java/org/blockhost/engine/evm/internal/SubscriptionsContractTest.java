package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.TestChain.address;
import static org.blockhost.engine.evm.internal.TestChain.log;
import static org.blockhost.engine.evm.internal.TestChain.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** BlockhostSubscriptions on anvil: every function, revert and event. */
class SubscriptionsContractTest {
    static final String OWNABLE = "OwnableUnauthorizedAccount(address)";
    static Anvil anvil;
    static TestChain chain;
    TxSender owner;
    TxSender buyer;
    TestChain.Deployment d;

    @BeforeAll
    static void startAnvil() throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    @BeforeEach
    void deploy() throws Exception {
        owner = chain.sender(0);
        buyer = chain.sender(1);
        d = chain.deployAll();
    }

    static final Uint256 ANY = TestChain.ANY_PRICE;

    static Uint256 u(long v) {
        return new Uint256(v);
    }

    /** A 33-byte key with x on the curve (any prefix), or a {@code length}-byte pattern. */
    static DynamicBytes key(int prefix, int length) {
        if (length == 33) {
            return TestChain.accessKey(prefix);
        }
        byte[] k = new byte[length];
        k[0] = (byte) prefix;
        for (int i = 1; i < length; i++) {
            k[i] = (byte) i;
        }
        return new DynamicBytes(k);
    }

    /** 0x02 || x with x = 5: x^3 + 7 = 132 is not a square mod p, so no point has this x. */
    static DynamicBytes offCurveKey() {
        byte[] k = new byte[33];
        k[0] = 2;
        k[32] = 5;
        return new DynamicBytes(k);
    }

    private void setUpPaymentAndPlan() throws Exception {
        chain.tx(owner, d.subscriptions(), "setStablecoin", new Address(d.coin()));
        chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("basic"), u(150));
        chain.tx(buyer, d.coin(), "mint", new Address(address(1)), u(1_000_000_000_000L));
        chain.tx(buyer, d.coin(), "approve", new Address(d.subscriptions()), u(1_000_000_000_000L));
    }

    private long now() throws Exception {
        return anvil.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getTimestamp().longValueExact();
    }

    @SuppressWarnings("rawtypes")
    private List<Type> subscription(long id) throws Exception {
        return chain.call(d.subscriptions(), "getSubscription", List.of(new TypeReference<Uint256>() { },
                new TypeReference<Address>() { }, new TypeReference<Uint64>() { }, new TypeReference<Bool>() { }),
                u(id));
    }

    @Test
    void ownerConstantsAndInitialState() throws Exception {
        assertEquals(address(0), chain.call(d.subscriptions(), "owner", List.of(new TypeReference<Address>() { }))
                .get(0).getValue());
        assertEquals(address(0), chain.call(d.subscriptions(), "operator", List.of(new TypeReference<Address>() { }))
                .get(0).getValue());
        assertEquals(BigInteger.TWO, chain.callUint(d.subscriptions(), "MIN_STABLECOIN_DECIMALS"));
        assertEquals(BigInteger.valueOf(3650), chain.callUint(d.subscriptions(), "MAX_DAYS"));
        assertEquals(BigInteger.valueOf(33), chain.callUint(d.subscriptions(), "ACCESS_KEY_LENGTH"));
        assertEquals(BigInteger.ZERO, chain.callUint(d.subscriptions(), "planCount"));
        assertEquals(BigInteger.ZERO, chain.callUint(d.subscriptions(), "subscriptionCount"));
        assertEquals("0x0000000000000000000000000000000000000000", chain.call(d.subscriptions(), "stablecoin",
                List.of(new TypeReference<Address>() { })).get(0).getValue());
    }

    @Test
    void createUpdateAndGetPlans() throws Exception {
        TransactionReceipt r = chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("basic"), u(150));
        Log created = log(r, d.subscriptions(), "PlanCreated(uint256,string,uint256)", topic(1));
        assertEquals(List.of("basic", BigInteger.valueOf(150)), values(created.getData(),
                new TypeReference<Utf8String>() { }, new TypeReference<Uint256>() { }));
        chain.tx(owner, d.subscriptions(), "createPlan", new Utf8String("pro"), u(500));
        assertEquals(BigInteger.TWO, chain.callUint(d.subscriptions(), "planCount"));
        assertEquals(List.of("pro", BigInteger.valueOf(500), true), plan(2));

        r = chain.tx(owner, d.subscriptions(), "updatePlan", u(2), new Utf8String("pro+"), u(600), new Bool(false));
        Log updated = log(r, d.subscriptions(), "PlanUpdated(uint256,string,uint256,bool)", topic(2));
        assertEquals(List.of("pro+", BigInteger.valueOf(600), false), values(updated.getData(),
                new TypeReference<Utf8String>() { }, new TypeReference<Uint256>() { }, new TypeReference<Bool>() { }));
        assertEquals(List.of("pro+", BigInteger.valueOf(600), false), plan(2));
        assertEquals(List.of("basic", BigInteger.valueOf(150), true), plan(1));
    }

    @Test
    void planReverts() throws Exception {
        String s = d.subscriptions();
        chain.assertRevert(OWNABLE, 1, s, "createPlan", new Utf8String("x"), u(1));
        chain.assertRevert("EmptyPlanName()", 0, s, "createPlan", new Utf8String(""), u(1));
        chain.assertRevert("ZeroPrice()", 0, s, "createPlan", new Utf8String("x"), u(0));
        chain.assertRevert("PlanNotFound(uint256)", 0, s, "getPlan", u(0));
        chain.assertRevert("PlanNotFound(uint256)", 0, s, "getPlan", u(1));
        chain.assertRevert("PlanNotFound(uint256)", 0, s, "updatePlan", u(1), new Utf8String("x"), u(1), new Bool(true));
        chain.tx(owner, s, "createPlan", new Utf8String("basic"), u(150));
        chain.assertRevert(OWNABLE, 1, s, "updatePlan", u(1), new Utf8String("x"), u(1), new Bool(true));
        chain.assertRevert("EmptyPlanName()", 0, s, "updatePlan", u(1), new Utf8String(""), u(1), new Bool(true));
        chain.assertRevert("ZeroPrice()", 0, s, "updatePlan", u(1), new Utf8String("x"), u(0), new Bool(true));
    }

    @Test
    void stablecoinAndPayment() throws Exception {
        String s = d.subscriptions();
        chain.tx(owner, s, "createPlan", new Utf8String("basic"), u(150));
        chain.assertRevert("StablecoinNotSet()", 0, s, "calculatePayment", u(1), u(1));
        chain.assertRevert(OWNABLE, 1, s, "setStablecoin", new Address(d.coin()));
        chain.assertRevert("InvalidStablecoin(address)", 0, s, "setStablecoin", new Address(Address.DEFAULT.getValue()));
        chain.assertRevert("InvalidStablecoin(address)", 0, s, "setStablecoin", new Address(address(2)));
        TransactionReceipt r = chain.tx(owner, s, "setStablecoin", new Address(d.coin()));
        Log set = log(r, s, "StablecoinSet(address,uint8)", topic(d.coin()));
        assertEquals(List.of(BigInteger.valueOf(6)), values(set.getData(), new TypeReference<Uint8>() { }));
        assertEquals(BigInteger.valueOf(6), chain.callUint(s, "stablecoinDecimals"));
        // 150 cents/day × 30 days × 10^6 / 100 = 45 USD in 6-decimal units
        assertEquals(BigInteger.valueOf(45_000_000), chain.callUint(s, "calculatePayment", u(1), u(30)));
        assertEquals(BigInteger.valueOf(5_475_000_000L), chain.callUint(s, "calculatePayment", u(1), u(3650)));
        chain.assertRevert("InvalidDays(uint256)", 0, s, "calculatePayment", u(1), u(0));
        chain.assertRevert("InvalidDays(uint256)", 0, s, "calculatePayment", u(1), u(3651));
        chain.assertRevert("PlanNotFound(uint256)", 0, s, "calculatePayment", u(2), u(1));
    }

    @Test
    void buySubscription() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        TransactionReceipt r = chain.tx(buyer, s, "buySubscription", u(1), u(30), key(2, 33), ANY);
        long expires = now() + 30 * 86400L;
        Log created = log(r, s, "SubscriptionCreated(uint256,uint256,address,uint64,bytes)", topic(1), topic(1),
                topic(address(1)));
        assertEquals(List.of(BigInteger.valueOf(expires), plain(List.of(key(2, 33))).get(0)), values(created.getData(),
                new TypeReference<Uint64>() { }, new TypeReference<DynamicBytes>() { }));
        assertEquals(List.of(BigInteger.ONE, address(1), BigInteger.valueOf(expires), false), plain(subscription(1)));
        assertEquals(BigInteger.valueOf(45_000_000), chain.callUint(d.coin(), "balanceOf", new Address(s)));
        chain.tx(buyer, s, "buySubscription", u(1), u(1), key(3, 33), ANY);
        assertEquals(BigInteger.TWO, chain.callUint(s, "subscriptionCount"));
    }

    @Test
    void buyReverts() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        chain.assertRevert("PlanNotFound(uint256)", 1, s, "buySubscription", u(9), u(1), key(2, 33), ANY);
        chain.assertRevert("InvalidDays(uint256)", 1, s, "buySubscription", u(1), u(0), key(2, 33), ANY);
        chain.assertRevert("InvalidDays(uint256)", 1, s, "buySubscription", u(1), u(3651), key(2, 33), ANY);
        chain.assertRevert("InvalidAccessKey()", 1, s, "buySubscription", u(1), u(1), key(2, 32), ANY);
        chain.assertRevert("InvalidAccessKey()", 1, s, "buySubscription", u(1), u(1), key(2, 34), ANY);
        chain.assertRevert("InvalidAccessKey()", 1, s, "buySubscription", u(1), u(1), key(4, 33), ANY);
        chain.assertRevert("ERC20InsufficientAllowance(address,uint256,uint256)", 2, s, "buySubscription", u(1), u(1),
                key(2, 33), ANY);
        chain.tx(owner, s, "updatePlan", u(1), new Utf8String("basic"), u(150), new Bool(false));
        chain.assertRevert("PlanInactive(uint256)", 1, s, "buySubscription", u(1), u(1), key(2, 33), ANY);
        chain.assertRevert("SubscriptionNotFound(uint256)", 0, s, "getSubscription", u(1));
        chain.assertRevert("SubscriptionNotFound(uint256)", 0, s, "getSubscription", u(0));
    }

    @Test
    void extendBeforeAndAfterExpiry() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        chain.tx(buyer, s, "buySubscription", u(1), u(10), key(2, 33), ANY);
        long expires = now() + 10 * 86400L;
        // before expiry: the days are added to the current expiry; anyone may pay
        chain.tx(owner, d.coin(), "mint", new Address(address(0)), u(1_000_000_000L));
        chain.tx(owner, d.coin(), "approve", new Address(s), u(1_000_000_000L));
        TransactionReceipt r = chain.tx(owner, s, "extendSubscription", u(1), u(5), ANY);
        Log extended = log(r, s, "SubscriptionExtended(uint256,address,uint64)", topic(1), topic(address(0)));
        long afterFirst = expires + 5 * 86400L;
        assertEquals(List.of(BigInteger.valueOf(afterFirst)), values(extended.getData(), new TypeReference<Uint64>() { }));
        // after expiry: the days count from now
        anvil.rpc("evm_increaseTime", 20 * 86400);
        anvil.mine(1);
        r = chain.tx(buyer, s, "extendSubscription", u(1), u(3), ANY);
        long afterSecond = now() + 3 * 86400L;
        extended = log(r, s, "SubscriptionExtended(uint256,address,uint64)", topic(1), topic(address(1)));
        assertEquals(List.of(BigInteger.valueOf(afterSecond)), values(extended.getData(), new TypeReference<Uint64>() { }));
        assertEquals(BigInteger.valueOf(afterSecond), subscription(1).get(2).getValue());
    }

    @Test
    void extendAndCancelReverts() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        chain.assertRevert("SubscriptionNotFound(uint256)", 1, s, "extendSubscription", u(1), u(1), ANY);
        chain.assertRevert("SubscriptionNotFound(uint256)", 0, s, "cancelSubscription", u(1));
        chain.tx(buyer, s, "buySubscription", u(1), u(10), key(2, 33), ANY);
        chain.assertRevert("InvalidDays(uint256)", 1, s, "extendSubscription", u(1), u(0), ANY);
        chain.assertRevert("InvalidDays(uint256)", 1, s, "extendSubscription", u(1), u(3651), ANY);
        chain.assertRevert("ERC20InsufficientAllowance(address,uint256,uint256)", 2, s, "extendSubscription", u(1), u(1), ANY);
        chain.assertRevert(OWNABLE, 1, s, "cancelSubscription", u(1));
        TransactionReceipt r = chain.tx(owner, s, "cancelSubscription", u(1));
        log(r, s, "SubscriptionCancelled(uint256)", topic(1));
        assertEquals(true, subscription(1).get(3).getValue());
        chain.assertRevert("SubscriptionIsCancelled(uint256)", 0, s, "cancelSubscription", u(1));
        chain.assertRevert("SubscriptionIsCancelled(uint256)", 1, s, "extendSubscription", u(1), u(1), ANY);
    }

    @Test
    void withdrawPaysOnlyThePayoutAddress() throws Exception {
        d = chain.deployAll(2); // owner: account 2 (cold admin wallet), operator: account 0 (host key)
        String s = d.subscriptions();
        TxSender admin = chain.sender(2);
        chain.tx(admin, s, "setStablecoin", new Address(d.coin()));
        chain.tx(admin, s, "createPlan", new Utf8String("basic"), u(150));
        chain.fund(d, 1);
        chain.buy(d, 1, 1);
        assertEquals(address(2), chain.call(s, "payoutAddress", List.of(new TypeReference<Address>() { })).get(0)
                .getValue(), "the payout address defaults to the owner");
        chain.assertRevert("NotOperator(address)", 1, s, "withdraw", new Address(d.coin()));
        chain.assertRevert("ZeroAddress()", 0, s, "withdraw", new Address(Address.DEFAULT.getValue()));
        TransactionReceipt r = chain.tx(owner, s, "withdraw", new Address(d.coin())); // the operator may trigger it
        Log w = log(r, s, "Withdrawn(address,address,uint256)", topic(d.coin()), topic(address(2)));
        assertEquals(List.of(BigInteger.valueOf(1_500_000)), values(w.getData(), new TypeReference<Uint256>() { }));
        assertEquals(BigInteger.valueOf(1_500_000), chain.callUint(d.coin(), "balanceOf", new Address(address(2))));

        chain.assertRevert(OWNABLE, 0, s, "setPayoutAddress", new Address(address(0)));
        r = chain.tx(admin, s, "setPayoutAddress", new Address(address(3)));
        log(r, s, "PayoutAddressSet(address)", topic(address(3)));
        chain.buy(d, 1, 1);
        chain.tx(admin, s, "withdraw", new Address(d.coin()));
        assertEquals(BigInteger.valueOf(1_500_000), chain.callUint(d.coin(), "balanceOf", new Address(address(3))));
        assertEquals(BigInteger.ZERO, chain.callUint(d.coin(), "balanceOf", new Address(s)));
    }

    @Test
    void theHostKeyOperatesButOnlyTheOwnerChangesPricesSettingsAndRoles() throws Exception {
        d = chain.deployAll(2);
        String s = d.subscriptions();
        TxSender admin = chain.sender(2);
        assertEquals(address(2), chain.call(s, "owner", List.of(new TypeReference<Address>() { })).get(0).getValue());
        assertEquals(address(0), chain.call(s, "operator", List.of(new TypeReference<Address>() { })).get(0).getValue());
        chain.assertRevert(OWNABLE, 0, s, "setStablecoin", new Address(d.coin()));
        chain.assertRevert(OWNABLE, 0, s, "createPlan", new Utf8String("x"), u(1));
        chain.assertRevert(OWNABLE, 0, s, "setOperator", new Address(address(0)));
        chain.assertRevert(OWNABLE, 0, s, "transferOwnership", new Address(address(0)));
        chain.tx(admin, s, "setStablecoin", new Address(d.coin()));
        chain.tx(admin, s, "createPlan", new Utf8String("basic"), u(150));
        chain.assertRevert(OWNABLE, 0, s, "updatePlan", u(1), new Utf8String("basic"), u(1_000_000), new Bool(true));
        chain.fund(d, 1);
        chain.buy(d, 1, 1);
        chain.assertRevert(OWNABLE, 0, s, "cancelSubscription", u(1));
        chain.assertRevert("NotOperator(address)", 2, s, "markDestroyed", u(1));
        chain.assertRevert("ZeroAddress()", 2, s, "setOperator", new Address(Address.DEFAULT.getValue()));
        TransactionReceipt r = chain.tx(admin, s, "setOperator", new Address(address(3)));
        log(r, s, "OperatorSet(address)", topic(address(3)));
        chain.assertRevert("NotOperator(address)", 0, s, "markDestroyed", u(1));
        chain.tx(chain.sender(3), s, "markDestroyed", u(1));
    }

    @Test
    void offCurveAccessKeysAreRefused() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        chain.assertRevert("InvalidAccessKey()", 1, s, "buySubscription", u(1), u(1), offCurveKey(), ANY);
        byte[] tooLarge = new byte[33]; // x = 2^256 - 1 >= p
        java.util.Arrays.fill(tooLarge, (byte) 0xff);
        tooLarge[0] = 3;
        chain.assertRevert("InvalidAccessKey()", 1, s, "buySubscription", u(1), u(1), new DynamicBytes(tooLarge), ANY);
        byte[] generator = TestChain.accessKey(2).getValue();
        byte[] real = org.web3j.crypto.Sign.publicPointFromPrivate(BigInteger.valueOf(12345)).getEncoded(true);
        for (byte[] valid : List.of(generator, real)) {
            chain.tx(buyer, s, "buySubscription", u(1), u(1), new DynamicBytes(valid), ANY);
        }
        assertEquals(BigInteger.TWO, chain.callUint(s, "subscriptionCount"));
    }

    @Test
    void aPriceRaisedAfterTheQuoteReverts() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        BigInteger quote = chain.callUint(s, "calculatePayment", u(1), u(30));
        chain.tx(owner, s, "updatePlan", u(1), new Utf8String("basic"), u(151), new Bool(true));
        TransactionRevertedException e = chain.assertRevert("PriceAboveMax(uint256,uint256)", 1, s, "buySubscription",
                u(1), u(30), key(2, 33), new Uint256(quote));
        assertEquals(List.of(BigInteger.valueOf(45_300_000), quote), values("0x" + e.data().substring(10),
                new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }));
        BigInteger newQuote = chain.callUint(s, "calculatePayment", u(1), u(30));
        chain.tx(buyer, s, "buySubscription", u(1), u(30), key(2, 33), new Uint256(newQuote));
        assertEquals(newQuote, chain.callUint(d.coin(), "balanceOf", new Address(s)));

        BigInteger extendQuote = chain.callUint(s, "calculatePayment", u(1), u(2));
        chain.tx(owner, s, "updatePlan", u(1), new Utf8String("basic"), u(500), new Bool(true));
        chain.assertRevert("PriceAboveMax(uint256,uint256)", 1, s, "extendSubscription", u(1), u(2),
                new Uint256(extendQuote));
        chain.tx(buyer, s, "extendSubscription", u(1), u(2), new Uint256(BigInteger.valueOf(10_000_000)));
    }

    @Test
    void aDestroyedSubscriptionCannotBeRenewed() throws Exception {
        setUpPaymentAndPlan();
        String s = d.subscriptions();
        chain.tx(buyer, s, "buySubscription", u(1), u(1), key(2, 33), ANY);
        chain.assertRevert("SubscriptionNotFound(uint256)", 0, s, "markDestroyed", u(2));
        assertEquals(false, chain.call(s, "isDestroyed", List.of(new TypeReference<Bool>() { }), u(1)).get(0).getValue());
        chain.assertRevert("NotOperator(address)", 1, s, "markDestroyed", u(1));
        TransactionReceipt r = chain.tx(owner, s, "markDestroyed", u(1));
        log(r, s, "SubscriptionDestroyed(uint256)", topic(1));
        assertEquals(true, chain.call(s, "isDestroyed", List.of(new TypeReference<Bool>() { }), u(1)).get(0).getValue());
        chain.assertRevert("SubscriptionIsDestroyed(uint256)", 1, s, "extendSubscription", u(1), u(1), ANY);
        chain.assertRevert("SubscriptionIsDestroyed(uint256)", 0, s, "markDestroyed", u(1));
        assertEquals(List.of(BigInteger.ONE, address(1)), plain(subscription(1)).subList(0, 2), "the record stays");
    }

    @Test
    void stablecoinsWithFewerThanTwoDecimalsAreRefused() throws Exception {
        String s = d.subscriptions();
        chain.tx(owner, s, "createPlan", new Utf8String("cheap"), u(1));
        for (int decimals : new int[] {0, 1, 37}) {
            String token = chain.deploy(owner, "TestDecimalsToken", new Uint8(decimals));
            chain.assertRevert("InvalidStablecoin(address)", 0, s, "setStablecoin", new Address(token));
        }
        String two = chain.deploy(owner, "TestDecimalsToken", new Uint8(2));
        chain.tx(owner, s, "setStablecoin", new Address(two));
        // 1 cent a day with 2 decimals is exactly 1 unit, never rounded to 0
        assertEquals(BigInteger.ONE, chain.callUint(s, "calculatePayment", u(1), u(1)));
    }

    private List<Object> plan(long id) throws Exception {
        return plain(chain.call(d.subscriptions(), "getPlan", List.of(new TypeReference<Utf8String>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Bool>() { }), u(id)));
    }

    static List<Object> values(String data, TypeReference<?>... types) {
        return plain(Abi.decode(data, types));
    }

    @SuppressWarnings("rawtypes")
    static List<Object> plain(List<Type> types) {
        return types.stream().map(t -> t.getValue() instanceof byte[] b ? (Object) new BigInteger(1, b).toString(16)
                + "/" + b.length : t.getValue()).map(v -> (Object) v).toList();
    }
}
