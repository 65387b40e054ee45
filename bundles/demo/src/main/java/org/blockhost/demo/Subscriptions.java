package org.blockhost.demo;

import java.math.BigInteger;
import java.util.List;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The subscriptions contract and the test stablecoin, from a buyer's side: plans and prices,
 * minting test stablecoin (its {@code mint} is open), approving, buying with the access key K
 * derived from the wallet (DESIGN.md "Access key"), extending.
 */
public final class Subscriptions {
    static final Event SUBSCRIPTION_CREATED = new Event("SubscriptionCreated", List.of(
            new TypeReference<Uint256>(true) { }, new TypeReference<Uint256>(true) { },
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, new TypeReference<Uint64>() { },
            new TypeReference<DynamicBytes>() { }));
    static final Event SUBSCRIPTION_EXTENDED = new Event("SubscriptionExtended", List.of(
            new TypeReference<Uint256>(true) { }, new TypeReference<org.web3j.abi.datatypes.Address>(true) { },
            new TypeReference<Uint64>() { }));
    static final Event TRANSFER = new Event("Transfer", List.of(
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { },
            new TypeReference<org.web3j.abi.datatypes.Address>(true) { }, new TypeReference<Uint256>() { }));

    private final DemoChain chain;
    private final DevStack stack;

    public Subscriptions(DemoChain chain) {
        this.chain = chain;
        this.stack = chain.stack();
    }

    /** A plan as the contract has it. */
    public record Plan(long id, String name, BigInteger centsPerDay, boolean active) {
    }

    /** A subscription as the contract has it. */
    public record Subscription(long id, long planId, String subscriber, long expiresAt, boolean cancelled) {
    }

    /** The plan; fails with "plan N does not exist" for an unknown id. */
    public Plan plan(long planId) {
        try {
            var out = chain.call(stack.subscriptions(), Abi.fn("getPlan", List.of(Abi.uint(planId)),
                    List.of(new TypeReference<Utf8String>() { }, new TypeReference<Uint256>() { },
                            new TypeReference<Bool>() { })));
            return new Plan(planId, (String) out.get(0).getValue(), (BigInteger) out.get(1).getValue(),
                    (Boolean) out.get(2).getValue());
        } catch (RevertException e) {
            if (e.is("PlanNotFound")) {
                throw new DemoException("plan " + planId + " does not exist (plans are numbered from 1)");
            }
            throw e;
        }
    }

    /** {@code calculatePayment(plan, days)} in the stablecoin's smallest unit. */
    public BigInteger price(long planId, int days) {
        return Abi.uint(chain.call(stack.subscriptions(), Abi.fn("calculatePayment",
                List.of(Abi.uint(planId), Abi.uint(days)), List.of(Abi.UINT))));
    }

    public Subscription subscription(long id) {
        var out = chain.call(stack.subscriptions(), Abi.fn("getSubscription", List.of(Abi.uint(id)),
                List.of(Abi.UINT, Abi.ADDRESS, new TypeReference<Uint64>() { }, new TypeReference<Bool>() { })));
        return new Subscription(id, ((BigInteger) out.get(0).getValue()).longValueExact(),
                Abi.address(out.get(1)), ((BigInteger) out.get(2).getValue()).longValueExact(),
                (Boolean) out.get(3).getValue());
    }

    public BigInteger stablecoinBalance(Address owner) {
        return Abi.uint(chain.call(stack.stablecoin(), Abi.fn("balanceOf", List.of(Abi.address(owner)),
                List.of(Abi.UINT))));
    }

    public BigInteger allowance(Address owner) {
        return Abi.uint(chain.call(stack.stablecoin(), Abi.fn("allowance",
                List.of(Abi.address(owner), Abi.address(stack.subscriptions())), List.of(Abi.UINT))));
    }

    /** An amount of the stablecoin in its own units, for example {@code 4.5 TUSD}. */
    public String formatAmount(BigInteger amount) {
        int decimals = Abi.uint(chain.call(stack.stablecoin(), Abi.fn("decimals", List.of(),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint8>() { })))).intValueExact();
        String symbol = (String) chain.call(stack.stablecoin(), Abi.fn("symbol", List.of(),
                List.of(new TypeReference<Utf8String>() { }))).get(0).getValue();
        return new java.math.BigDecimal(amount, decimals).stripTrailingZeros().toPlainString() + " " + symbol;
    }

    /** Mints test stablecoin to the wallet (TestStablecoin's open {@code mint}). */
    public void mintStablecoin(DemoWallet wallet, BigInteger amount) {
        chain.send(wallet, stack.stablecoin(), Abi.fn("mint", List.of(Abi.address(wallet.address()),
                new Uint256(amount)), List.of()));
    }

    /** Approves the subscriptions contract to pull {@code amount}. */
    public void approve(DemoWallet wallet, BigInteger amount) {
        chain.send(wallet, stack.stablecoin(), Abi.fn("approve", List.of(Abi.address(stack.subscriptions()),
                new Uint256(amount)), List.of()));
    }

    /** Mints what the wallet lacks of {@code amount} and approves it, skipping what is already there. */
    public void fund(DemoWallet wallet, BigInteger amount) {
        BigInteger balance = stablecoinBalance(wallet.address());
        if (balance.compareTo(amount) < 0) {
            mintStablecoin(wallet, amount.subtract(balance));
        }
        if (allowance(wallet.address()).compareTo(amount) < 0) {
            approve(wallet, amount);
        }
    }

    /**
     * Buys {@code days} of plan {@code planId} at the price quoted now ({@link #price}): see
     * {@link #buy(DemoWallet, long, int, BigInteger)}.
     */
    public Purchase buy(DemoWallet wallet, long planId, int days) {
        requireActive(planId);
        return send(wallet, planId, days, price(planId, days));
    }

    /**
     * Buys {@code days} of plan {@code planId} paying at most {@code maxAmount}: checks the plan, mints
     * and approves {@code maxAmount}, derives K from the wallet and calls
     * {@code buySubscription(plan, days, K, maxAmount)}. A price raised above {@code maxAmount} makes the
     * purchase revert ({@code PriceAboveMax}) and nothing is paid.
     */
    public Purchase buy(DemoWallet wallet, long planId, int days, BigInteger maxAmount) {
        requireActive(planId);
        return send(wallet, planId, days, maxAmount);
    }

    private void requireActive(long planId) {
        Plan plan = plan(planId);
        if (!plan.active()) {
            throw new DemoException("plan " + planId + " (" + plan.name() + ") is not active");
        }
    }

    private Purchase send(DemoWallet wallet, long planId, int days, BigInteger maxAmount) {
        fund(wallet, maxAmount);
        byte[] k;
        try (AccessKeyPair pair = wallet.accessKey(stack)) {
            k = pair.publicKey();
        }
        TransactionReceipt receipt = chain.send(wallet, stack.subscriptions(), Abi.fn("buySubscription",
                List.of(Abi.uint(planId), Abi.uint(days), new DynamicBytes(k), new Uint256(maxAmount)),
                List.of(Abi.UINT)));
        Log payment = Abi.single(receipt, stack.stablecoin(), TRANSFER);
        BigInteger paid = (BigInteger) FunctionReturnDecoder.decode(payment.getData(),
                TRANSFER.getNonIndexedParameters()).get(0).getValue();
        return purchase(Abi.single(receipt, stack.subscriptions(), SUBSCRIPTION_CREATED), paid);
    }

    /**
     * Extends a subscription by {@code days} (paid by the wallet, at most the quoted price); returns
     * the new expiry.
     */
    public long extend(DemoWallet wallet, long subscriptionId, int days) {
        BigInteger price = price(subscription(subscriptionId).planId(), days);
        fund(wallet, price);
        TransactionReceipt receipt = chain.send(wallet, stack.subscriptions(), Abi.fn("extendSubscription",
                List.of(Abi.uint(subscriptionId), Abi.uint(days), new Uint256(price)), List.of()));
        Log log = Abi.single(receipt, stack.subscriptions(), SUBSCRIPTION_EXTENDED);
        @SuppressWarnings("rawtypes")
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), SUBSCRIPTION_EXTENDED.getNonIndexedParameters());
        return ((BigInteger) data.get(0).getValue()).longValueExact();
    }

    /** Decodes a {@code SubscriptionCreated} log (a watcher's view of a purchase; {@code paid} as known). */
    public static Purchase purchase(Log log, BigInteger paid) {
        @SuppressWarnings("rawtypes")
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), SUBSCRIPTION_CREATED.getNonIndexedParameters());
        List<String> topics = log.getTopics();
        return new Purchase(Abi.topicUint(topics.get(1)), Abi.topicUint(topics.get(2)),
                Address.parse("0x" + topics.get(3).substring(26)).toChecksumString(),
                ((BigInteger) data.get(0).getValue()).longValueExact(), Hex.encode((byte[]) data.get(1).getValue()),
                paid, log.getTransactionHash(), log.getBlockNumber().longValueExact());
    }

    /** Topic 0 of {@code SubscriptionCreated}, for log filters. */
    public static String subscriptionCreatedTopic() {
        return org.web3j.abi.EventEncoder.encode(SUBSCRIPTION_CREATED);
    }
}
