package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The host wallet: native balance, the payment stablecoin's balance (the token the subscriptions
 * contract is set to), sends of either, and withdrawal of collected payments. The contract pays
 * withdrawals only to its payout address, which only the owner (admin) wallet sets: a withdrawal to
 * any other address is refused here before anything is sent.
 */
public final class EvmTreasury implements Treasury {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final Web3j web3j;
    private final ChainCalls calls;
    private final TxSender sender;
    private final String subscriptions;
    private final String nativeSymbol;
    private volatile RevenueLedger ledger;
    private volatile RoleResolver roles;

    public EvmTreasury(Web3j web3j, ChainCalls calls, TxSender sender, String subscriptions, String nativeSymbol) {
        this.web3j = web3j;
        this.calls = calls;
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.nativeSymbol = nativeSymbol;
    }

    @Override
    public String address() {
        return Eip55.checksum(sender.address());
    }

    @Override
    public List<Balance> balances() throws ChainUnavailableException {
        return balancesOf(sender.address());
    }

    /** Native coin and stablecoin balances of any address ({@code wallet balance ROLE}). */
    public List<Balance> balancesOf(String address) throws ChainUnavailableException {
        List<Balance> out = new ArrayList<>();
        try {
            out.add(new Balance(nativeSymbol, web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST)
                    .send().getBalance(), 18));
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the native balance", e);
        }
        Optional<String> coin = stablecoin();
        if (coin.isPresent()) {
            BigInteger amount = (BigInteger) read(coin.get(), "balanceOf", new TypeReference<Uint256>() { },
                    new Address(address));
            int decimals = ((BigInteger) read(coin.get(), "decimals", new TypeReference<Uint8>() { })).intValueExact();
            out.add(new Balance(symbol(coin.get()), amount, decimals));
        }
        return out;
    }

    @Override
    public String send(String asset, String to, BigInteger amount) throws ChainUnavailableException {
        String recipient = EvmAddressFormat.INSTANCE.normalise(to);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        try {
            if (asset.equals(nativeSymbol)) {
                return sender.send(recipient, "0x", amount);
            }
            String coin = stablecoin().filter(c -> asset.equals(symbolOrNull(c)))
                    .orElseThrow(() -> new IllegalArgumentException("unknown asset " + asset));
            return sender.send(coin, Abi.encode("transfer", new Address(recipient), new Uint256(amount)), BigInteger.ZERO);
        } catch (TransactionRevertedException e) {
            throw new IllegalArgumentException("the transfer would revert: " + e.data());
        }
    }

    @Override
    public String send(String asset, String to, BigInteger amount, Signed beforeBroadcast) throws ChainUnavailableException {
        String recipient = EvmAddressFormat.INSTANCE.normalise(to);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        try {
            if (asset.equals(nativeSymbol)) {
                return sender.send(recipient, "0x", amount, beforeBroadcast);
            }
            String coin = stablecoin().filter(c -> asset.equals(symbolOrNull(c)))
                    .orElseThrow(() -> new IllegalArgumentException("unknown asset " + asset));
            return sender.send(coin, Abi.encode("transfer", new Address(recipient), new Uint256(amount)), BigInteger.ZERO,
                    beforeBroadcast);
        } catch (TransactionRevertedException e) {
            throw new IllegalArgumentException("the transfer would revert: " + e.data());
        }
    }

    @Override
    public long minedNonce() throws ChainUnavailableException {
        try {
            return web3j.ethGetTransactionCount(sender.address(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValueExact();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the host wallet's nonce", e);
        }
    }

    /** The stablecoin the subscriptions contract holds (what a withdrawal moves now). */
    @Override
    public Balance collected() throws ChainUnavailableException {
        String coin = stablecoin().orElseThrow(() -> new ChainUnavailableException("no stablecoin is set"));
        BigInteger amount = (BigInteger) read(coin, "balanceOf", new TypeReference<Uint256>() { }, new Address(subscriptions));
        int decimals = ((BigInteger) read(coin, "decimals", new TypeReference<Uint8>() { })).intValueExact();
        return new Balance(symbol(coin), amount, decimals);
    }

    /** Resolves roles (built in and the address book) for {@link #roleAddress}. */
    EvmTreasury resolvingRoles(RoleResolver resolver) {
        this.roles = resolver;
        return this;
    }

    @Override
    public String roleAddress(String role) throws ChainUnavailableException {
        RoleResolver r = roles;
        if (r == null) {
            throw new IllegalArgumentException("no address book here");
        }
        return r.resolve(role);
    }

    /** A role's address. */
    @FunctionalInterface
    interface RoleResolver {
        String resolve(String role) throws ChainUnavailableException;
    }

    @Override
    public String withdraw(String to) throws ChainUnavailableException {
        String recipient = EvmAddressFormat.INSTANCE.normalise(to);
        String payout = payoutAddress();
        if (!payout.equalsIgnoreCase(recipient)) {
            throw new IllegalArgumentException("withdrawals go only to the payout address " + payout
                    + " (set by the owner wallet with setPayoutAddress)");
        }
        String coin = stablecoin().orElseThrow(() -> new IllegalStateException("no stablecoin is set"));
        try {
            return sender.send(subscriptions, Abi.encode("withdraw", new Address(coin)), BigInteger.ZERO);
        } catch (TransactionRevertedException e) {
            throw new IllegalStateException("withdraw would revert (is the host key the contract's operator?): "
                    + e.data());
        }
    }

    /** Where the subscriptions contract pays withdrawals (EIP-55): the owner's choice, by default the owner. */
    @Override
    public String payoutAddress() throws ChainUnavailableException {
        return Eip55.checksum(ContractRoles.address(calls, sender.address(), subscriptions, "payoutAddress"));
    }

    /** Counts revenue from {@code startBlock} on (see {@link RevenueLedger}); without it {@link #revenue} is empty. */
    EvmTreasury countingRevenue(long startBlock, int range, int confirmations) {
        this.ledger = new RevenueLedger(web3j, subscriptions, startBlock, range, confirmations);
        return this;
    }

    @Override
    public List<DailyAmount> revenue(int days) throws ChainUnavailableException {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be 1..366");
        }
        Optional<String> coin = stablecoin();
        if (ledger == null || coin.isEmpty()) {
            return List.of();
        }
        int decimals = ((BigInteger) read(coin.get(), "decimals", new TypeReference<Uint8>() { })).intValueExact();
        return ledger.days(coin.get(), symbol(coin.get()), decimals, days, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** The receipt's state; confirmations = head − block + 1. */
    @Override
    public TxState transaction(String hash) throws ChainUnavailableException {
        if (hash == null || !hash.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a transaction hash is 0x and 64 hex digits");
        }
        try {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isEmpty()) {
                boolean known = web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
                return new TxState(hash, known ? TxState.State.PENDING : TxState.State.UNKNOWN, 0);
            }
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            long confirmations = Math.max(1, head - receipt.get().getBlockNumber().longValueExact() + 1);
            return new TxState(hash, receipt.get().isStatusOK() ? TxState.State.CONFIRMED : TxState.State.FAILED,
                    confirmations);
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read transaction " + hash, e);
        }
    }

    private Optional<String> stablecoin() throws ChainUnavailableException {
        String coin = (String) read(subscriptions, "stablecoin", new TypeReference<Address>() { });
        return coin.equalsIgnoreCase(ZERO) ? Optional.empty() : Optional.of(coin);
    }

    private String symbol(String coin) throws ChainUnavailableException {
        return (String) read(coin, "symbol", new TypeReference<Utf8String>() { });
    }

    private String symbolOrNull(String coin) {
        try {
            return symbol(coin);
        } catch (ChainUnavailableException e) {
            return null;
        }
    }

    private Object read(String to, String function, TypeReference<?> output, org.web3j.abi.datatypes.Type<?>... args)
            throws ChainUnavailableException {
        try {
            String result = calls.call(sender.address(), to, Abi.encode(function, args), DefaultBlockParameterName.LATEST);
            return Abi.decode(result, output).get(0).getValue();
        } catch (TransactionRevertedException | IndexOutOfBoundsException e) {
            throw new ChainUnavailableException(function + " on " + to + " failed", e);
        }
    }
}
