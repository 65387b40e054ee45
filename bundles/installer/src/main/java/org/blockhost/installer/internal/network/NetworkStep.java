package org.blockhost.installer.internal.network;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.blockhost.engine.api.Engine;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.web.api.TlsEndpoint;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finalization step {@value #ID}: writes the answer {@value PublicHost#KEY} everywhere the public host
 * is used ({@link PublicHostConfig}), including the guests' wallet login (the active engine's chain id
 * and this host's {@code /sign} page) when an engine with a chain id and the HTTPS endpoint are up and
 * the host is a name or IPv4 address (what pam_web3 accepts). Required outside dev mode; in dev mode
 * without the answer the configuration the dev home was created with stays.
 */
@Component(service = FinalizationStep.class)
public final class NetworkStep implements FinalizationStep {
    static final String ID = "network.public-host";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkStep.class);
    private final boolean dev;
    private final PublicHostConfig config;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Engine engine;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TlsEndpoint tls;

    @Activate
    public NetworkStep(BundleContext context, @Reference ConfigurationAdmin cm) {
        this(RuntimeLayout.from(context::getProperty).dev(), new PublicHostConfig(cm));
    }

    NetworkStep(boolean dev, PublicHostConfig config) {
        this.dev = dev;
        this.config = config;
    }

    NetworkStep(boolean dev, PublicHostConfig config, Engine engine, TlsEndpoint tls) {
        this(dev, config);
        this.engine = engine;
        this.tls = tls;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Use the public host name for TLS, logins and NFTs";
    }

    @Override
    public Phase phase() {
        return Phase.INSTALLER_POST;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(PublicHost.KEY);
    }

    @Override
    public Optional<String> problem(String key, String value) {
        return PublicHost.KEY.equals(key) ? PublicHost.problem(value, dev) : Optional.empty();
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        Optional<String> host = host(context);
        try {
            return host.isEmpty() ? dev : config.holds(host.get(), login(host.get()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        String host = host(context).orElseThrow(() -> new StepException("missing answer '" + PublicHost.KEY
                + "': enter the public host name on the Network page"));
        try {
            config.write(host, login(host));
        } catch (IOException e) {
            throw new StepException("cannot store the public host in the configuration: " + e.getMessage(), e);
        }
        LOG.info("public host {} written to the core, web and libvirt configuration", host);
    }

    /** The guests' login settings, when they can be known now; the engine's call is fenced. */
    private Optional<PublicHostConfig.GuestLogin> login(String host) {
        Engine e = engine;
        TlsEndpoint t = tls;
        if (e == null || t == null || host.contains(":")) {
            return Optional.empty();
        }
        try {
            OptionalLong chain = e.chainId();
            return chain.isPresent() ? Optional.of(PublicHostConfig.GuestLogin.of(chain.getAsLong(), host, t.httpsUrl())) : Optional.empty();
        } catch (RuntimeException ex) {
            LOG.warn("engine {} failed to give its chain id; guest logins keep their settings", e.getClass().getName(), ex);
            return Optional.empty();
        }
    }

    private Optional<String> host(FinalizationContext context) throws StepException {
        Optional<String> host = context.answer(PublicHost.KEY).map(PublicHost::canonical);
        if (host.isPresent() && PublicHost.problem(host.get(), dev).isPresent()) {
            throw new StepException("answer '" + PublicHost.KEY + "': " + PublicHost.problem(host.get(), dev).get());
        }
        return host;
    }
}
