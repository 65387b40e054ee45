package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;

/**
 * Writes a setup step sends from the host wallet through the sidecar, started from the answers for the step's
 * run and stopped after it. Each write is sent once ({@link PendingWrites}, keyed by what it changes): a retry
 * while it waits for its block says so and sends nothing. The sidecar's wallet must be the answered host address.
 */
final class SetupWrites {
    /** Starts the sidecar for a step's run. */
    interface Opener {
        Sidecar open(FinalizationContext context) throws StepException;
    }

    /** One write: {@code key} for {@link PendingWrites}, {@code label} for the operator (the call as sent). */
    record Write(String key, String label, Call call) {
    }

    interface Call {
        String send(SidecarWrites writes) throws ChainUnavailableException;
    }

    /** The packaged sidecar ({@link OpnetConfig}'s default paths), configured from the setup answers. */
    static final Opener NODE = context -> {
        ObjectNode init = JsonNodeFactory.instance.objectNode().put("op", "init")
                .put("rpcUrl", rpcUrl(context)).put("network", context.requireAnswer(OpnetAnswers.NETWORK).strip())
                .put("keyFile", Path.of(context.requireAnswer(OpnetAnswers.HOST_KEY_FILE).strip()).normalize().toString())
                .put("timeoutMs", 30_000);
        OpnetSetupStep.contract(context, OpnetAnswers.SUBSCRIPTIONS).ifPresent(a -> init.put("subscriptions", a));
        OpnetSetupStep.contract(context, OpnetAnswers.CREDENTIAL).ifPresent(a -> init.put("credential", a));
        SidecarProcess.Starter starter = SidecarProcess.node(Path.of(SidecarSetup.NODE_BINARY), Path.of(SidecarSetup.SIDECAR_DIR));
        return new Sidecar(starter, init, Duration.ofSeconds(120), System::currentTimeMillis);
    };

    private SetupWrites() {
    }

    private static String rpcUrl(FinalizationContext context) throws StepException {
        try {
            return NodeCheck.endpoint(context.requireAnswer(OpnetAnswers.RPC_URL), context.devMode()).toString();
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
    }

    /**
     * Sends every write not already pending and fails with what was sent and what still waits: the step is
     * complete only once the chain shows the effect, on a later retry.
     */
    static StepException send(Opener opener, PendingWrites pending, FinalizationContext context, List<Write> writes)
            throws StepException {
        List<String> done = new ArrayList<>();
        List<Write> toSend = new ArrayList<>();
        for (Write w : writes) {
            Optional<String> sent = pending.pending(w.key());
            if (sent.isPresent()) {
                done.add(w.label() + " sent in " + sent.get());
            } else {
                toSend.add(w);
            }
        }
        if (!toSend.isEmpty()) {
            try (Sidecar sidecar = opener.open(context)) {
                requireHostWallet(sidecar, OpnetSetupStep.address(context, OpnetAnswers.HOST_ADDRESS));
                SidecarWrites out = new SidecarWrites(sidecar);
                for (Write w : toSend) {
                    String txid = sendOne(w, out, done);
                    pending.sent(w.key(), txid);
                    done.add(w.label() + " sent in " + txid);
                }
            }
        }
        return new StepException(String.join("; ", done) + ": waiting for confirmation, retry this step after the next block");
    }

    private static String sendOne(Write w, SidecarWrites out, List<String> done) throws StepException {
        String before = done.isEmpty() ? "" : " (" + String.join("; ", done) + ")";
        try {
            return w.call().send(out);
        } catch (ChainRejectedException e) {
            throw new StepException(w.label() + " was refused by the contract: " + e.reason() + before, e);
        } catch (ChainUnavailableException e) {
            throw new StepException(w.label() + " could not be sent now (" + e.getMessage() + "); retry this step" + before, e);
        }
    }

    static void requireHostWallet(Sidecar sidecar, String host) throws StepException {
        String wallet;
        try {
            wallet = sidecar.wallet().path("address").asText("");
        } catch (ChainUnavailableException e) {
            throw new StepException("the OPNet write sidecar cannot start (" + e.getMessage() + "); retry this step", e);
        }
        if (!wallet.equalsIgnoreCase(host)) {
            throw new StepException("the host key file's wallet is " + wallet + ", not the answered host address " + host
                    + ": nothing was sent");
        }
    }
}
