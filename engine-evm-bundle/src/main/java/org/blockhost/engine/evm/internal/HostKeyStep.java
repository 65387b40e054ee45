package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.rootagent.api.RootAgent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * Creates the host wallet key when none exists: through the root agent's {@code key-write} in
 * production, as a 0600 file {@code <config dir>/keys/evm-host.key} in dev mode. Publishes
 * {@value SetupChain#HOST_KEY_FILE} (the path) and {@value #HOST_ADDRESS}. An existing key file that
 * is not a valid key is refused, never replaced.
 */
@EngineId(EvmEngine.ID)
@Component(service = FinalizationStep.class)
public final class HostKeyStep implements FinalizationStep {
    static final String HOST_ADDRESS = "evm.hostAddress";
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyStep.class);
    private final RootAgent agent;

    @Activate
    public HostKeyStep(@Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) RootAgent agent) {
        this.agent = agent;
    }

    @Override
    public String id() {
        return "evm.host-key";
    }

    @Override
    public String label() {
        return "Create the EVM host wallet key";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_PRE;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(SetupChain.HOST_KEY_FILE);
    }

    @Override
    public boolean isComplete(FinalizationContext context) {
        Optional<Path> file = keyFile(context);
        if (file.isEmpty() || !java.nio.file.Files.exists(file.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            publish(context, file.get());
            return true;
        } catch (StepException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        Optional<Path> file = keyFile(context);
        if (file.isPresent() && java.nio.file.Files.exists(file.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            publish(context, file.get());
            return;
        }
        try {
            Path written;
            if (context.devMode()) {
                written = file.orElseThrow();
                HostKeyCreator.toFile(written);
            } else if (agent == null) {
                throw new StepException("no root agent is available to write the host key");
            } else {
                written = HostKeyCreator.viaRootAgent(agent);
            }
            publish(context, written);
            LOG.info("created the host key at {}", written);
        } catch (IOException e) {
            throw new StepException("cannot create the host key: " + e.getMessage());
        }
    }

    /** Published path, else the answer, else (dev mode) {@code <config dir>/keys/evm-host.key}. */
    static Optional<Path> keyFile(FinalizationContext context) {
        Optional<Path> known = context.published(SetupChain.HOST_KEY_FILE)
                .or(() -> context.answer(SetupChain.HOST_KEY_FILE)).filter(v -> !v.isBlank()).map(Path::of);
        if (known.isEmpty() && context.devMode()) {
            return Optional.of(context.configDirectory().resolve("keys").resolve(HostKeyCreator.KEY_NAME + ".key"));
        }
        return known;
    }

    private static void publish(FinalizationContext context, Path file) throws StepException {
        Credentials key;
        try {
            key = HostKeyFile.read(file);
        } catch (IOException e) {
            throw new StepException(e.getMessage() + " (an existing key file is never replaced)");
        }
        context.publish(SetupChain.HOST_KEY_FILE, file.toString());
        context.publish(HOST_ADDRESS, Keys.toChecksumAddress(key.getAddress()));
    }
}
