package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Everything the engine runs, built from its configuration; plain Java so tests need no framework.
 * Every RPC call goes through {@link ChainIdCheckedService}: the chain id is re-checked on each new
 * connection. The event watcher and the admin command scan run on separate loops.
 */
public final class EvmRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvmRuntime.class);
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private final Web3j web3j;
    private final EvmCredentialIssuer issuer;
    private final EvmTreasury treasury;
    private final SubscriptionDestroyer destroyer;
    private final ChainWatcher watcher;
    private final WatcherLoop loop;
    private final WatcherLoop adminLoop;
    private final Finality finality;
    private final FinalizedSubscriptions subscriptions;
    private final String adminCommandKey;
    private final AdminCommandSender adminSender;
    private final PublicOffer offer;
    private final EvmPlans plans;

    private EvmRuntime(Web3j web3j, EvmConfig config, Credentials key, ChainEventSink sink, String engineId,
            Consumer<String> onHalt) {
        this.web3j = web3j;
        this.finality = new Finality(web3j, config.finalityDepth());
        this.adminCommandKey = AdminCommandKey.publicKeyHex(key);
        this.adminSender = new AdminCommandSender(web3j, config.chainId(), key.getAddress(), adminCommandKey);
        String subs = EvmAddressFormat.INSTANCE.normalise(config.subscriptionsAddress());
        String credential = EvmAddressFormat.INSTANCE.normalise(config.credentialAddress());
        ChainCalls calls = new ChainCalls(web3j);
        Duration poll = Duration.ofMillis(config.pollIntervalMs());
        TxSender sender = new TxSender(web3j, key, config.chainId(), poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds()), Duration.ofSeconds(60),
                BigInteger.valueOf(config.maxFeePerGasGwei()).multiply(GWEI));
        this.issuer = new EvmCredentialIssuer(credential, calls, sender, EvmAddressFormat.INSTANCE, poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds())).readingOwnersAt(config.confirmations());
        this.treasury = new EvmTreasury(web3j, calls, sender, subs, config.nativeSymbol())
                .countingRevenue(config.startBlock(), config.maxLogRange(), config.confirmations());
        this.destroyer = new SubscriptionDestroyer(subs, calls, sender, poll,
                Duration.ofSeconds(config.receiptTimeoutSeconds()));
        this.subscriptions = new FinalizedSubscriptions(calls, finality, subs, sender.address());
        this.plans = new EvmPlans(calls, sender, subs);
        this.offer = new PublicOffer(calls, sender.address(), config.chainId(), subs, credential,
                config.startBlock(), PublicOffer.Network.of(config));
        this.watcher = new ChainWatcher(engineId, ChainReader.of(web3j), sink, subs, credential,
                new ChainWatcher.Settings(config.confirmations(), config.startBlock(), config.maxLogRange(),
                        config.rewindDepth())).onHalt(onHalt);
        this.loop = new WatcherLoop(watcher, poll);
        AdminCommandScanner admin = new AdminCommandScanner(web3j, key, issuer::ownerAt, sink, engineId,
                new AdminCommandScanner.Settings(config.finalityDepth(), config.startBlock(), config.rewindDepth()));
        this.adminLoop = new WatcherLoop(admin::poll, "admin command scan", poll.compareTo(Duration.ofSeconds(2)) > 0
                ? poll : Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /** Validates the configuration, reads the host key and starts the loops. */
    public static EvmRuntime start(EvmConfig config, ChainEventSink sink, String engineId) throws IOException {
        return start(config, sink, engineId, reason -> { });
    }

    /** As {@link #start(EvmConfig, ChainEventSink, String)}; {@code onHalt} hears when the watcher halts. */
    public static EvmRuntime start(EvmConfig config, ChainEventSink sink, String engineId, Consumer<String> onHalt)
            throws IOException {
        RpcUrlPolicy policy = new RpcUrlPolicy(config.devMode());
        URI rpc = policy.check(config.rpcUrl());
        Credentials key = HostKeyFile.read(Path.of(config.hostKeyFile()));
        OkHttpClient client = new OkHttpClient.Builder().dns(policy.dns()).followRedirects(false)
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
        Web3j web3j = Web3j.build(ChainIdCheckedService.create(rpc.toString(), client, config.chainId()));
        EvmRuntime runtime = new EvmRuntime(web3j, config, key, sink, engineId, onHalt);
        if (config.newHeadsWebSocket()) {
            runtime.loop.withNewHeads(wake -> new NewHeads(client, NewHeads.webSocketUrl(rpc), wake));
        }
        runtime.loop.start();
        runtime.adminLoop.start();
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

    /** The subscription plans: list and change them. */
    public EvmPlans plans() {
        return plans;
    }

    /** The contracts' public offer (stablecoin, plans) for the public pages. */
    public PublicOffer offer() {
        return offer;
    }

    /** Sends admin commands from the admin wallet to this host ({@code blockhost admin knock}). */
    AdminCommandSender adminSender() {
        return adminSender;
    }

    /** The compressed public key admin commands are encrypted to (0x-hex). */
    public String adminCommandKey() {
        return adminCommandKey;
    }

    /** Why the event watcher stopped for good, empty while it runs. */
    public Optional<String> halted() {
        return watcher.halted();
    }

    /** Head, and the finalized block (the chain's tag, else head − finality depth). */
    public ChainHead head() throws ChainUnavailableException {
        requireWatching();
        EthBlock.Block latest;
        try {
            latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
            if (latest == null) {
                throw new ChainUnavailableException("the node has no latest block");
            }
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the chain head", e);
        }
        long number = latest.getNumber().longValueExact();
        return new ChainHead(number, latest.getHash(), finality.number(number),
                Instant.ofEpochSecond(latest.getTimestamp().longValueExact()));
    }

    /** {@code getSubscription(id)} at the final block; see {@link FinalizedSubscriptions}. */
    public Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        requireWatching();
        return subscriptions.read(subscriptionId);
    }

    /** While the watcher is halted the engine's view of the chain is incomplete: no answer is trustworthy. */
    private void requireWatching() throws ChainUnavailableException {
        Optional<String> reason = watcher.halted();
        if (reason.isPresent()) {
            throw new ChainUnavailableException("the chain watcher is halted: " + reason.get());
        }
    }

    @Override
    public void close() {
        loop.close();
        adminLoop.close();
        web3j.shutdown();
    }
}
