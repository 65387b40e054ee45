package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.util.Optional;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.AdminCommandChannel;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.PlanManager;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.engine.api.Treasury;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The EVM engine service: address format, EIP-191 recovery, head, finalized subscription reads,
 * credentials and treasury, plus the watcher. When the watcher halts (an undecodable log of our
 * own contracts) the plugin is reported failed through {@link PluginStatus} (when core provides
 * it), so {@code /ready}, {@code /api/plugins} and {@code blockhost plugins} show why, and
 * {@link #head()} and {@link #finalizedSubscription} answer "unavailable". It also serves the
 * plans ({@link PlanManager}, see {@link EvmPlans}) and prepares admin commands for the admin
 * console ({@link AdminCommandChannel}: the same envelope and encryption as {@code blockhost admin}).
 */
@EngineId(EvmEngine.ID)
@Component(service = {Engine.class, PlanManager.class, AdminCommandChannel.class}, configurationPid = EvmEngine.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EvmConfig.class)
public final class EvmEngine implements Engine, PlanManager, AdminCommandChannel {
    public static final String ID = "evm";
    public static final String PID = "org.blockhost.engine.evm";
    /** Target of the engine's public pages' reference to {@code ActiveEngine}: served only while this engine is active. */
    static final String ACTIVE = "(" + EngineId.PROPERTY + "=" + ID + ")";

    private final EvmRuntime runtime;
    private final long bundleId;
    private final long chainId;
    private volatile PluginStatus status;

    @Activate
    public EvmEngine(@Reference ChainEventSink sink, EvmConfig config, BundleContext context) throws IOException {
        this(sink, config, context.getBundle().getBundleId());
        EvmAddressBook book = new EvmAddressBook(org.blockhost.platform.api.RuntimeLayout.from(context::getProperty).stateDir()
                .resolve("evm-addressbook.json"));
        runtime.treasury().resolvingRoles(role -> WalletTools.resolve(this, book, role));
    }

    /** Outside a framework (tests): failures are only logged. */
    EvmEngine(ChainEventSink sink, EvmConfig config) throws IOException {
        this(sink, config, -1);
    }

    private EvmEngine(ChainEventSink sink, EvmConfig config, long bundleId) throws IOException {
        this.bundleId = bundleId;
        this.chainId = config.chainId();
        this.runtime = EvmRuntime.start(config, sink, ID, reason -> report(status, reason));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindStatus(PluginStatus bound) {
        this.status = bound;
        if (runtime != null) {
            runtime.halted().ifPresent(reason -> report(bound, reason));
        }
    }

    void unbindStatus(PluginStatus unbound) {
        if (status == unbound) {
            status = null;
        }
    }

    private void report(PluginStatus to, String reason) {
        if (to != null) {
            to.reportFailure(bundleId, "chain watcher", new IllegalStateException("halted: " + reason));
        }
    }

    @Override
    public java.util.OptionalLong chainId() {
        return java.util.OptionalLong.of(chainId);
    }

    @Deactivate
    void deactivate() {
        runtime.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Ethereum (EVM)";
    }

    @Override
    public AddressFormat addressFormat() {
        return EvmAddressFormat.INSTANCE;
    }

    @Override
    public String recoverSigner(String message, String signature) throws InvalidSignatureException {
        if (message == null || signature == null) {
            throw new InvalidSignatureException("message and signature are required");
        }
        try {
            return PersonalSign.recover(message, EthSignature.parse(signature)).toChecksumString();
        } catch (CryptoException | IllegalArgumentException e) {
            throw new InvalidSignatureException(e.getMessage());
        }
    }

    @Override
    public ChainHead head() throws ChainUnavailableException {
        return runtime.head();
    }

    @Override
    public void subscriptionDestroyed(long subscriptionId) throws ChainUnavailableException {
        runtime.subscriptionDestroyed(subscriptionId);
    }

    @Override
    public Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        return runtime.finalizedSubscription(subscriptionId);
    }

    /** The contracts' public offer (chain, contracts, stablecoin, plans) for the buyer pages. */
    public PublicOffer offer() {
        return runtime.offer();
    }

    /** The compressed public key admin commands are encrypted to (0x-hex). */
    public String adminCommandKey() {
        return runtime.adminCommandKey();
    }

    /** Sends admin commands from the admin wallet to this host. */
    AdminCommandSender adminSender() {
        return runtime.adminSender();
    }

    @Override
    public AdminCommandChannel.Transaction prepare(String command, String paramsJson, long nonce, long expires)
            throws ChainUnavailableException {
        try {
            var params = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(paramsJson);
            AdminCommandSender sender = runtime.adminSender();
            return new AdminCommandChannel.Transaction(sender.hostAddress(),
                    sender.encrypt(AdminCommandSender.plaintext(command, params, nonce, expires)));
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("admin command parameters must be a JSON object");
        }
    }

    @Override
    public java.util.List<Plan> plans() throws ChainUnavailableException {
        return runtime.plans().plans();
    }

    @Override
    public Outcome apply(Change change) throws RefusedException, ChainUnavailableException {
        return runtime.plans().apply(change);
    }

    @Override
    public CredentialIssuer credentials() {
        return runtime.issuer();
    }

    @Override
    public Treasury treasury() {
        return runtime.treasury();
    }
}
