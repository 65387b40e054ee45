package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.PlanManager;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.slf4j.LoggerFactory;

/**
 * What the contracts sell, read from the chain for the public pages: the stablecoin (address,
 * symbol, decimals) and every plan with its price per day in the stablecoin's units
 * (cents × 10^decimals / 100, exactly what {@code calculatePayment} charges per day).
 */
public final class PublicOffer {
    /** The payment token. */
    /** What a wallet needs to add the chain (EIP-3085); {@code rpcUrl} empty when none is public. */
    public record Network(String name, String rpcUrl, String nativeSymbol) {
        /** From the engine configuration; a public RPC URL the URL rules refuse is left out (logged, not shown). */
        static Network of(EvmConfig c) {
            String url = "";
            if (!c.publicRpcUrl().isBlank()) {
                try {
                    url = new RpcUrlPolicy(c.devMode()).checkForm(c.publicRpcUrl().strip()).toString();
                } catch (IllegalArgumentException e) {
                    LoggerFactory.getLogger(PublicOffer.class).warn("publicRpcUrl ignored: {}", e.getMessage());
                }
            }
            return new Network(c.chainName().strip(), url, c.nativeSymbol());
        }
    }

    public record Coin(String address, String symbol, int decimals) {
    }

    /** One plan; {@code pricePerDay} in the coin's smallest units. */
    public record Plan(long id, String name, long centsPerDay, BigInteger pricePerDay, boolean active) {
    }

    /** The chain's offer at one moment. */
    public record Snapshot(Coin coin, List<Plan> plans) {
    }

    private final ChainCalls calls;
    private final String from;
    private final String subscriptions;
    private final String credential;
    private final long chainId;
    private final long startBlock;

    private final Network network;

    public PublicOffer(ChainCalls calls, String from, long chainId, String subscriptions, String credential, long startBlock,
            Network network) {
        this.network = network;
        this.calls = calls;
        this.from = from;
        this.chainId = chainId;
        this.startBlock = startBlock;
        this.subscriptions = Eip55.checksum(subscriptions);
        this.credential = Eip55.checksum(credential);
    }

    public Network network() {
        return network;
    }

    public long chainId() {
        return chainId;
    }

    /** The block the contracts were deployed in: clients read their logs from here. */
    public long startBlock() {
        return startBlock;
    }

    /** The subscriptions contract (EIP-55). */
    public String subscriptions() {
        return subscriptions;
    }

    /** The access credential contract (EIP-55). */
    public String credential() {
        return credential;
    }

    public Snapshot read() throws ChainUnavailableException {
        String coin = (String) read(subscriptions, "stablecoin", new TypeReference<Address>() { }).get(0).getValue();
        int decimals = ((BigInteger) read(coin, "decimals", new TypeReference<Uint8>() { }).get(0).getValue()).intValueExact();
        String symbol = (String) read(coin, "symbol", new TypeReference<Utf8String>() { }).get(0).getValue();
        List<Plan> plans = new ArrayList<>();
        BigInteger scale = BigInteger.TEN.pow(decimals);
        for (PlanManager.Plan p : EvmPlans.read(calls, from, subscriptions)) {
            plans.add(new Plan(p.id(), p.name(), p.centsPerDay(),
                    BigInteger.valueOf(p.centsPerDay()).multiply(scale).divide(BigInteger.valueOf(100)), p.active()));
        }
        return new Snapshot(new Coin(Eip55.checksum(coin), symbol, decimals), List.copyOf(plans));
    }

    @SuppressWarnings("rawtypes")
    private List<Type> read(String to, String function, TypeReference<?>... outputs) throws ChainUnavailableException {
        try {
            String data = Abi.encode(function);
            List<Type> out = Abi.decode(calls.call(from, to, data, DefaultBlockParameterName.LATEST), outputs);
            if (out.size() != outputs.length) {
                throw new ChainUnavailableException(function + " on " + to + " gave no answer");
            }
            return out;
        } catch (TransactionRevertedException | RuntimeException e) {
            throw new ChainUnavailableException(function + " on " + to + " failed", e);
        }
    }
}
