package org.blockhost.engine.evm.internal;

import static org.blockhost.engine.evm.internal.SubscriptionsContractTest.u;
import static org.blockhost.engine.evm.internal.TestChain.address;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The shared engine contract ({@link EngineContract}, from the API's test-jar) on one anvil for the class: the
 * engine and the watchers reach it through a loopback proxy that an outage turns to HTTP 503, the wallets'
 * purchases and transfers go to anvil directly, a reorg is {@code anvil_reorg}.
 */
class EvmEngineContractTest extends EngineContract {
    private static Anvil anvil;
    private static TestChain chain;
    private static TestChain.Deployment d;
    private static FaultyRpcProxy proxy;
    private static Web3j viaProxy;
    private static EvmEngine engine;
    private static Harness harness;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        anvil = Anvil.start();
        chain = new TestChain(anvil);
        d = chain.deployForSale();
        chain.fund(d, 2);
        proxy = new FaultyRpcProxy(anvil.url());
        viaProxy = Web3j.build(new HttpService(proxy.url()));
        Map<String, Object> config = chain.engineConfig(d, dir);
        config.put("rpcUrl", proxy.url());
        config.put("pollIntervalMs", 600_000L); // the suite polls its own watchers
        engine = new EvmEngine(new MemorySink(), Configs.evm(config));
        harness = new AnvilHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.deactivate();
        }
        if (viaProxy != null) {
            viaProxy.shutdown();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Override
    protected Harness harness() {
        return harness;
    }

    /** Wallets 1..3 are anvil test accounts 1..3; the host wallet is account 0. */
    private static final class AnvilHarness implements Harness {
        @Override
        public Engine engine() {
            return engine;
        }

        @Override
        public Watcher watcher(ChainEventSink sink) {
            try {
                long start = Math.max(0, anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact() - 16);
                return new ChainWatcher("evm", ChainReader.of(viaProxy), sink, d.subscriptions(), d.credential(),
                        new ChainWatcher.Settings(0, start, 2, 16))::poll;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String wallet(int i) {
            return address(i);
        }

        @Override
        public String sign(int i, String message) throws Exception {
            return PersonalSign.sign(org.blockhost.crypto.api.Hex.decode(TestChain.KEYS[i]), message).toHex();
        }

        @Override
        public long buy(int i) throws Exception {
            TransactionReceipt receipt = chain.tx(chain.sender(i), d.subscriptions(), "buySubscription", u(1), u(1),
                    TestChain.accessKey(2), TestChain.ANY_PRICE);
            for (Log log : receipt.getLogs()) {
                if (log.getTopics().get(0).equals(LogDecoder.SUBSCRIPTION_CREATED)) {
                    return new BigInteger(log.getTopics().get(1).substring(2), 16).longValueExact();
                }
            }
            throw new AssertionError("no SubscriptionCreated in the purchase's receipt");
        }

        @Override
        public void transfer(long tokenId, int from, int to) throws Exception {
            chain.tx(chain.sender(from), d.credential(), "transferFrom", new Address(address(from)),
                    new Address(address(to)), u(tokenId));
        }

        @Override
        public void mine(int blocks) throws Exception {
            anvil.mine(blocks);
        }

        @Override
        public void reorg(int depth) throws Exception {
            anvil.rpc("anvil_reorg", depth, List.of());
        }

        @Override
        public void outage(boolean down) {
            proxy.down(down);
        }

        @Override
        public long hostWrites() throws Exception {
            return anvil.web3j().ethGetTransactionCount(address(0), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValueExact();
        }

        @Override
        public byte[] storedCredentials(long tokenId) throws Exception {
            return (byte[]) chain.call(d.credential(), "getCredentials", List.of(new TypeReference<DynamicBytes>() { }),
                    u(tokenId)).get(0).getValue();
        }

        @Override
        public String blockHash(long height) throws Exception {
            return anvil.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(height)), false)
                    .send().getBlock().getHash();
        }
    }
}
