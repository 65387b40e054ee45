package org.blockhost.engine.opnet.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code opnet.node} (ENGINE_PRE, 100): the node answers as a Bitcoin OPNet node of the answered network
 * ({@link NodeCheck}) and the host key file holds a mnemonic nobody else can read ({@link HostKeyCheck}).
 * Only reads; complete whenever both hold, so a retry after fixing the node or the file passes.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class NodeStep extends OpnetSetupStep {
    public NodeStep() {
        super("opnet.node", "Check the OPNet node and the host key file", Phase.ENGINE_PRE, 100,
                Set.of(OpnetAnswers.RPC_URL, OpnetAnswers.NETWORK, OpnetAnswers.HOST_KEY_FILE, OpnetAnswers.HOST_ADDRESS));
    }

    @Override
    Optional<String> missing(FinalizationContext context) throws StepException {
        NodeCheck.Result node = NodeCheck.check(context.requireAnswer(OpnetAnswers.RPC_URL),
                context.requireAnswer(OpnetAnswers.NETWORK), context.devMode());
        if (!node.ok()) {
            return Optional.of(node.error());
        }
        address(context, OpnetAnswers.HOST_ADDRESS);
        return HostKeyCheck.problem(Path.of(context.requireAnswer(OpnetAnswers.HOST_KEY_FILE).strip()));
    }
}
