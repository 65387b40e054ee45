package org.blockhost.engine.opnet.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;

/**
 * What the OPNet engine's finalization steps share: identity, the answers they declare, the answer checks of
 * {@link OpnetAnswers}, and the node and contract reads built from the answers (URL policy by the runtime's
 * mode). Plans and the admin mint are written through the sidecar when the host wallet holds the role
 * ({@link SetupWrites}); the contracts are deployed from it when none are answered ({@link ContractDeploys}).
 */
abstract class OpnetSetupStep implements FinalizationStep {
    private final String id;
    private final String label;
    private final Phase phase;
    private final int order;
    private final Set<String> keys;

    OpnetSetupStep(String id, String label, Phase phase, int order, Set<String> keys) {
        this.id = id;
        this.label = label;
        this.phase = phase;
        this.order = order;
        this.keys = keys;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final Phase phase() {
        return phase;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final Set<String> answerKeys() {
        return keys;
    }

    @Override
    public final Optional<String> problem(String key, String value) {
        return OpnetAnswers.problem(key, value);
    }

    /**
     * What is missing for this step's effect to be in place, or empty. Steps that only check the chain are
     * complete exactly when nothing is missing, and running them reports what is.
     */
    Optional<String> missing(FinalizationContext context) throws StepException {
        throw new UnsupportedOperationException(id + " overrides isComplete and run");
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        return missing(context).isEmpty();
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        Optional<String> missing = missing(context);
        if (missing.isPresent()) {
            throw new StepException(missing.get());
        }
    }

    static OpnetRpc rpc(FinalizationContext context) throws StepException {
        try {
            return new OpnetRpc(NodeCheck.endpoint(context.requireAnswer(OpnetAnswers.RPC_URL), context.devMode()),
                    Duration.ofSeconds(15));
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
    }

    static OpnetReads reads(FinalizationContext context, OpnetRpc rpc) throws StepException {
        return new OpnetReads(rpc, requireContract(context, OpnetAnswers.SUBSCRIPTIONS),
                requireContract(context, OpnetAnswers.CREDENTIAL));
    }

    /** A contract address: the one {@code opnet.contracts} published (answered or deployed), else the answered one. */
    static Optional<String> contract(FinalizationContext context, String key) throws StepException {
        Optional<String> published = context.published(key);
        return published.isPresent() ? published : answered(context, key) ? Optional.of(address(context, key)) : Optional.empty();
    }

    static String requireContract(FinalizationContext context, String key) throws StepException {
        return contract(context, key).orElseThrow(() -> new StepException("the OPNet contracts are not deployed yet ("
                + key + "): run opnet.contracts first"));
    }

    /** Whether {@code key} was answered with a non-blank value (a blank contract address asks setup to deploy it). */
    static boolean answered(FinalizationContext context, String key) {
        return context.answer(key).filter(v -> !v.isBlank()).isPresent();
    }

    static String address(FinalizationContext context, String key) throws StepException {
        try {
            return OpnetAddressFormat.INSTANCE.normalise(context.requireAnswer(key).strip());
        } catch (IllegalArgumentException e) {
            throw new StepException("field '" + key + "': " + e.getMessage());
        }
    }

    static StepException unavailable(ChainUnavailableException e) {
        return new StepException("the OPNet node cannot be read now (" + e.getMessage() + "); retry this step", e);
    }
}
