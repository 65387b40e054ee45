package org.blockhost.engine.opnet.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.engine.api.Treasury;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The OPNet engine service: OPNet addresses, ML-DSA wallet sign-in, the chain head, the block-walking
 * watcher feeding core and contract reads (credential owner, admin holder, subscriptions at finality). Registered with {@code org.blockhost.engine.id=opnet} once its configuration exists,
 * so dropping the bundle (and its {@code .cfg}) into the runtime activates it. When the watcher halts the
 * plugin is reported failed through {@link PluginStatus} and {@link #head()} answers "unavailable".
 */
@EngineId(OpnetEngine.ID)
@Component(service = Engine.class, configurationPid = OpnetEngine.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OpnetConfig.class)
public final class OpnetEngine implements Engine {
    public static final String ID = "opnet";
    public static final String PID = "org.blockhost.engine.opnet";
    /** Target of the engine's public pages' reference to {@code ActiveEngine}: served only while this engine is active. */
    static final String ACTIVE = "(" + EngineId.PROPERTY + "=" + ID + ")";

    private final OpnetRpc rpc;
    private final OpnetWatcher watcher;
    private final WatcherThread thread;
    private final HostTreasury treasury;
    private final OpnetCredentials credentials;
    private final OpnetReads reads;
    private final OpnetLoginWallet logins;
    private final int finalityDepth;
    private final Sidecar sidecar;
    private final long bundleId;
    private volatile PluginStatus status;

    @Activate
    public OpnetEngine(@Reference ChainEventSink sink, OpnetConfig config, BundleContext context) {
        this(sink, config, context.getBundle().getBundleId());
    }

    /** Outside a framework (tests): a halt is only logged. */
    OpnetEngine(ChainEventSink sink, OpnetConfig config, long bundleId) {
        this(sink, config, bundleId, SidecarSetup.sidecar(config));
    }

    /** With a given write sidecar (null: no writes); tests give a scripted one. */
    OpnetEngine(ChainEventSink sink, OpnetConfig config, long bundleId, Sidecar sidecar) {
        this.bundleId = bundleId;
        this.finalityDepth = config.finalityDepth();
        this.rpc = new OpnetRpc(RpcEndpoint.check(config.rpcUrl(), config.devMode()),
                Duration.ofSeconds(config.rpcTimeoutSeconds()));
        this.reads = new OpnetReads(rpc, config.subscriptionsAddress(), config.credentialAddress());
        this.sidecar = sidecar;
        SidecarWrites writes = sidecar == null ? null : new SidecarWrites(sidecar);
        PendingWrites pending = new PendingWrites(PendingWrites.HOLD_MS, System::currentTimeMillis);
        this.treasury = new HostTreasury(config.hostAddress(), writes, new TreasuryReads(rpc, reads, config.confirmations()));
        this.credentials = new OpnetCredentials(rpc, reads, config.confirmations(), writes, pending);
        this.logins = new OpnetLoginWallet(rpc);
        EventDecoder decoder = new EventDecoder(config.subscriptionsAddress(), config.credentialAddress());
        this.watcher = new OpnetWatcher(ID, rpc, sink, decoder, new OpnetWatcher.Settings(config.confirmations(),
                config.startBlock(), config.maxBlocksPerStep(), config.rewindDepth()))
                .onHalt(reason -> report(status, reason));
        this.thread = new WatcherThread(watcher, Duration.ofMillis(config.pollIntervalMs()));
        thread.start();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindStatus(PluginStatus bound) {
        this.status = bound;
        if (watcher != null) {
            watcher.halted().ifPresent(reason -> report(bound, reason));
        }
    }

    void unbindStatus(PluginStatus unbound) {
        if (status == unbound) {
            status = null;
        }
    }

    private void report(PluginStatus to, String reason) {
        if (to != null) {
            to.reportFailure(bundleId, "OPNet watcher", new IllegalStateException("halted: " + reason));
        }
    }

    @Deactivate
    void deactivate() {
        thread.close();
        if (sidecar != null) {
            sidecar.close();
        }
    }

    /** Marks the subscription destroyed on chain through the sidecar ({@link OpnetCredentials#markDestroyed}). */
    @Override
    public void subscriptionDestroyed(long subscriptionId) throws ChainUnavailableException {
        credentials.markDestroyed(subscriptionId);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Bitcoin (OPNet)";
    }

    @Override
    public AddressFormat addressFormat() {
        return OpnetAddressFormat.INSTANCE;
    }

    /** The OPNet address of an ML-DSA signed message ({@link OpnetSignIn}); Schnorr proves no OPNet address. */
    @Override
    public String recoverSigner(String message, String signature) throws InvalidSignatureException {
        if (signature != null && signature.strip().startsWith("schnorr:")) {
            throw new InvalidSignatureException("a Schnorr signature proves a Taproot key, not an OPNet address:"
                    + " sign the message with the wallet's ML-DSA key");
        }
        return OpnetSignIn.mlDsaSigner(message, signature);
    }

    /** The owner's Taproot address as the node reports it ({@link OpnetLoginWallet}): what pam_web3 checks. */
    @Override
    public String loginWallet(String owner) throws ChainUnavailableException {
        return logins.taprootOf(owner);
    }

    @Override
    public ChainHead head() throws ChainUnavailableException {
        if (watcher.halted().isPresent()) {
            throw new ChainUnavailableException("OPNet watcher halted: " + watcher.halted().get());
        }
        long number = rpc.blockNumber();
        OpnetBlock block = rpc.block(number);
        return new ChainHead(number, block.hash(), Math.max(0, number - finalityDepth), Instant.ofEpochSecond(block.time()));
    }

    /** The subscription as the contract holds it at {@code head − finalityDepth}. */
    @Override
    public Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        return reads.subscription(subscriptionId, Math.max(0, rpc.blockNumber() - finalityDepth));
    }

    @Override
    public CredentialIssuer credentials() {
        return credentials;
    }

    @Override
    public Treasury treasury() {
        return treasury;
    }
}
