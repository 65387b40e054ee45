package org.blockhost.engine.opnet.internal;

import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code opnet.admin-credential} (ENGINE_POST, 200): credential token #0 (subscription 0, the admin credential)
 * exists and belongs to {@value OpnetAnswers#ADMIN_ADDRESS}, read at the head. Minting it is a write of the
 * operator (host) key, which needs the sidecar (not built): until then the step says so and stays incomplete.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class AdminCredentialStep extends OpnetSetupStep {
    public AdminCredentialStep() {
        super("opnet.admin-credential", "Check the OPNet admin credential", Phase.ENGINE_POST, 200,
                Set.of(OpnetAnswers.ADMIN_ADDRESS));
    }

    @Override
    Optional<String> missing(FinalizationContext context) throws StepException {
        String admin = address(context, OpnetAnswers.ADMIN_ADDRESS);
        OpnetRpc rpc = rpc(context);
        OpnetReads reads = reads(context, rpc);
        try {
            long head = rpc.blockNumber();
            Optional<Long> token = reads.tokenOfSubscription(0, head);
            if (token.isEmpty()) {
                return Optional.of("the admin credential (token #0) is not minted: minting is a write of the host key,"
                        + " which needs the OPNet sidecar (not built yet); mint(" + admin + ", 0, …) from the operator wallet");
            }
            String owner = reads.ownerOf(token.get(), head);
            return owner.equals(admin) ? Optional.empty()
                    : Optional.of("the admin credential (token #0) belongs to " + owner + ", not to " + admin);
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
    }
}
