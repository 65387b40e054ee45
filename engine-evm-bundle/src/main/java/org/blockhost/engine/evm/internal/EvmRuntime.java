package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;

/** Everything the engine runs, built from its configuration; plain Java so tests need no framework. */
public final class EvmRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvmRuntime.class);

    private final Web3j web3j;
    private final EvmCredentialIssuer issuer;
    private final EvmTreasury treasury;
    private final SubscriptionDestroyer destroyer;
    private final WatcherLoop loop;
    private final int finalityDepth;

    private EvmRuntime(Web3j web3j, EvmConfig config, Credentials key, ChainEventSink sink, String engineId) {
        this.web3j = web3j;
        this.finalityDepth = config.finalityDepth();
        String subscriptions = EvmAddressFormat.INSTANCE.normalise(config.subscriptionsAddress());
        String credential = EvmAddressFormat.INSTANCE.normalise(config.credentialAddress());
        ChainCalls calls = new ChainCalls(web3j);
        Duration poll = Duration.ofMillis(config.pollIntervalMs());
        TxSender sender = new TxSender(web3j, key, config.chainId(), poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds()));
        this.issuer = new EvmCredentialIssuer(credential, calls, sender, EvmAddressFormat.INSTANCE, poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds()));
        this.treasury = new EvmTreasury(web3j, calls, sender, subscriptions, config.nativeSymbol());
        this.destroyer = new SubscriptionDestroyer(subscriptions, calls, sender, poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds()));
        ChainWatcher watcher = new ChainWatcher(engineId, new ChainIdGuard(ChainReader.of(web3j), web3j,
                config.chainId()), sink, subscriptions, credential, new ChainWatcher.Settings(config.confirmations(),
                config.startBlock(), config.maxLogRange(), config.rewindDepth()))
                .withAdminCommands(new AdminCommandScanner(web3j, key, issuer::adminHolder, config.finalityDepth(),
                        config.startBlock(), config.rewindDepth()));
        this.loop = new WatcherLoop(watcher, poll);
    }

    /** Validates the configuration, reads the host key and starts the watcher. */
    public static EvmRuntime start(EvmConfig config, ChainEventSink sink, String engineId) throws IOException {
        RpcUrlPolicy policy = new RpcUrlPolicy(config.devMode());
        URI rpc = policy.check(config.rpcUrl());
        Credentials key = HostKeyFile.read(Path.of(config.hostKeyFile()));
        OkHttpClient client = new OkHttpClient.Builder().dns(policy.dns()).followRedirects(false)
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
        Web3j web3j = Web3j.build(new HttpService(rpc.toString(), client));
        EvmRuntime runtime = new EvmRuntime(web3j, config, key, sink, engineId);
        if (config.newHeadsWebSocket()) {
            runtime.loop.withNewHeads(wake -> new NewHeads(client, NewHeads.webSocketUrl(rpc), wake));
        }
        runtime.loop.start();
        LOG.info("EVM engine started: chain {} via {}://{}, host wallet {}", config.chainId(), rpc.getScheme(),
                rpc.getHost(), runtime.treasury.address());
        return runtime;
    }

    public EvmCredentialIssuer issuer() {
        return issuer;
    }

    public EvmTreasury treasury() {
        return treasury;
    }

    /** Marks a subscription destroyed on chain (idempotent; see {@link SubscriptionDestroyer}). */
    public void subscriptionDestroyed(long subscriptionId) throws ChainUnavailableException {
        destroyer.markDestroyed(subscriptionId);
    }

    /** Head, and the finalized block (the chain's tag, else head − finality depth). */
    public ChainHead head() throws ChainUnavailableException {
        try {
            EthBlock.Block latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
            long number = latest.getNumber().longValueExact();
            long finalized = Math.max(0, number - finalityDepth);
            EthBlock tagged = web3j.ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false).send();
            if (!tagged.hasError() && tagged.getBlock() != null) {
                finalized = Math.min(number, tagged.getBlock().getNumber().longValueExact());
            }
            return new ChainHead(number, latest.getHash(), finalized, Instant.ofEpochSecond(
                    latest.getTimestamp().longValueExact()));
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the chain head", e);
        }
    }

    @Override
    public void close() {
        loop.close();
        web3j.shutdown();
    }

    /** Refuses to read events until the node has confirmed the configured chain id. */
    static final class ChainIdGuard implements ChainReader {
        private final ChainReader delegate;
        private final Web3j web3j;
        private final long expected;
        private volatile boolean verified;

        ChainIdGuard(ChainReader delegate, Web3j web3j, long expected) {
            this.delegate = delegate;
            this.web3j = web3j;
            this.expected = expected;
        }

        @Override
        public long headNumber() throws ChainUnavailableException {
            if (!verified) {
                BigInteger actual;
                try {
                    actual = web3j.ethChainId().send().getChainId();
                } catch (IOException | RuntimeException e) {
                    throw new ChainUnavailableException("cannot read the chain id", e);
                }
                if (actual == null || actual.longValue() != expected) {
                    throw new ChainUnavailableException("the RPC serves chain " + actual + ", configured " + expected);
                }
                verified = true;
            }
            return delegate.headNumber();
        }

        @Override
        public String blockHash(long number) throws ChainUnavailableException {
            return delegate.blockHash(number);
        }

        @Override
        public java.util.List<org.web3j.protocol.core.methods.response.Log> logs(java.util.List<String> addresses,
                java.util.List<String> topics, long from, long to) throws ChainUnavailableException, RangeTooLargeException {
            return delegate.logs(addresses, topics, from, to);
        }
    }
}
