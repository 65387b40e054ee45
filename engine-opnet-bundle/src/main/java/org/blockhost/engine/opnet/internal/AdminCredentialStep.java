package org.blockhost.engine.opnet.internal;

import java.util.List;
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
 * exists and belongs to {@value OpnetAnswers#ADMIN_ADDRESS}, read at the head. When it is not minted and the host
 * wallet is the credential contract's operator, the run sends {@code mint(admin, 0, empty)} through the sidecar once
 * ({@link SetupWrites}) and fails "waiting for confirmation"; when another wallet is the operator, it names the call.
 * A token #0 owned by someone else is an error no write fixes here.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class AdminCredentialStep extends OpnetSetupStep {
    private final SetupWrites.Opener opener;
    private final PendingWrites pending;

    public AdminCredentialStep() {
        this(SetupWrites.NODE, new PendingWrites(PendingWrites.HOLD_MS, System::currentTimeMillis));
    }

    AdminCredentialStep(SetupWrites.Opener opener, PendingWrites pending) {
        super("opnet.admin-credential", "Mint the OPNet admin credential", Phase.ENGINE_POST, 200,
                Set.of(OpnetAnswers.ADMIN_ADDRESS));
        this.opener = opener;
        this.pending = pending;
    }

    @Override
    Optional<String> missing(FinalizationContext context) throws StepException {
        return state(context).map(s -> s.owner().isEmpty() ? "the admin credential (token #0) is not minted"
                : "the admin credential (token #0) belongs to " + s.owner().get() + ", not to " + s.admin());
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        Optional<State> state = state(context);
        if (state.isEmpty()) {
            return;
        }
        State s = state.get();
        if (s.owner().isPresent()) {
            throw new StepException("the admin credential (token #0) belongs to " + s.owner().get() + ", not to " + s.admin());
        }
        String call = "mint(" + s.admin() + ", 0, empty)";
        String host = address(context, OpnetAnswers.HOST_ADDRESS);
        String operator = operator(context);
        if (!operator.equals(host)) {
            throw new StepException("the admin credential (token #0) is not minted and the credential contract's operator is "
                    + operator + ", not the host " + host + ": send " + call + " from the operator's wallet, then retry");
        }
        throw SetupWrites.send(opener, pending, context, List.of(new SetupWrites.Write("mint:0",
                "admin credential: " + call, w -> w.mint(0, s.admin(), new byte[0]))));
    }

    /** What the chain shows at the head when token #0 is not the admin's: its owner (empty: not minted). */
    private record State(String admin, Optional<String> owner) {
    }

    private static String operator(FinalizationContext context) throws StepException {
        OpnetRpc rpc = rpc(context);
        try {
            return reads(context, rpc).credentialOperator(rpc.blockNumber());
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static Optional<State> state(FinalizationContext context) throws StepException {
        String admin = address(context, OpnetAnswers.ADMIN_ADDRESS);
        OpnetRpc rpc = rpc(context);
        OpnetReads reads = reads(context, rpc);
        try {
            long head = rpc.blockNumber();
            Optional<Long> token = reads.tokenOfSubscription(0, head);
            if (token.isEmpty()) {
                return Optional.of(new State(admin, Optional.empty()));
            }
            String owner = reads.ownerOf(token.get(), head);
            return owner.equals(admin) ? Optional.empty() : Optional.of(new State(admin, Optional.of(owner)));
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
    }
}
