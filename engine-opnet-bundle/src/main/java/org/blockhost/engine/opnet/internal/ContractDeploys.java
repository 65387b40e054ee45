package org.blockhost.engine.opnet.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;

/**
 * Deploys BlockHost's two OPNet contracts from the host wallet through the sidecar, subscriptions first (the
 * credential's deploy calldata names it), each once. What was sent is published (persisted with the runner's
 * state): the salt before sending ({@value #PREFIX}{@code <name>.salt}), address and txid after
 * ({@value #PREFIX}{@code <name>}). A retry after the send only waits for the node to show the code; a retry after
 * a crash between broadcast and publish sends again with the same salt, which names the same contract address,
 * so there is never a second contract. Owner and operator are the host wallet (plans and mints are its writes).
 */
final class ContractDeploys {
    static final String PREFIX = "opnet.deploy.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SetupWrites.Opener opener;

    ContractDeploys(SetupWrites.Opener opener) {
        this.opener = opener;
    }

    /** Both addresses once the node shows both contracts' code; otherwise sends what is missing and says what waits. */
    List<String> deployed(FinalizationContext context, OpnetRpc rpc) throws StepException {
        Optional<SidecarWrites.Deployed> subs = sent(context, "subscriptions");
        Optional<SidecarWrites.Deployed> cred = sent(context, "credential");
        if (subs.isEmpty() || cred.isEmpty()) {
            String host = OpnetSetupStep.address(context, OpnetAnswers.HOST_ADDRESS);
            String token = token(context);
            try (Sidecar sidecar = opener.open(context)) {
                SetupWrites.requireHostWallet(sidecar, host);
                SidecarWrites out = new SidecarWrites(sidecar);
                if (subs.isEmpty()) {
                    subs = Optional.of(send(context, out, "subscriptions", host, "token", token));
                }
                if (cred.isEmpty()) {
                    cred = Optional.of(send(context, out, "credential", host, "subscriptions", subs.get().address()));
                }
            }
        }
        List<String> waiting = new ArrayList<>();
        shown(rpc, "subscriptions", subs.get(), waiting);
        shown(rpc, "credential", cred.get(), waiting);
        if (!waiting.isEmpty()) {
            throw new StepException(String.join("; ", waiting) + ": waiting for confirmation, retry this step after the next block");
        }
        return List.of(subs.get().address(), cred.get().address());
    }

    private static String token(FinalizationContext context) throws StepException {
        if (!OpnetSetupStep.answered(context, OpnetAnswers.PAYMENT_TOKEN)) {
            throw new StepException("no contract addresses were answered, so setup deploys them, and that needs the OP20"
                    + " payment token the plans are priced in: answer field '" + OpnetAnswers.PAYMENT_TOKEN + "'");
        }
        return OpnetSetupStep.address(context, OpnetAnswers.PAYMENT_TOKEN);
    }

    static Optional<SidecarWrites.Deployed> sent(FinalizationContext context, String name) {
        return context.published(PREFIX + name).map(v -> v.split(" ", 2))
                .map(p -> new SidecarWrites.Deployed(p[0], p.length > 1 ? p[1] : ""));
    }

    private static SidecarWrites.Deployed send(FinalizationContext context, SidecarWrites out, String name, String host,
            String thirdField, String third) throws StepException {
        String saltKey = PREFIX + name + ".salt";
        String salt = context.published(saltKey).orElse(null);
        if (salt == null) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            salt = Hex.encode(b);
            context.publish(saltKey, salt);
        }
        SidecarWrites.Deployed d;
        try {
            d = out.deploy(name, host, host, thirdField, third, salt);
        } catch (ChainRejectedException e) {
            throw new StepException("the " + name + " contract deployment was refused: " + e.reason(), e);
        } catch (ChainUnavailableException e) {
            throw new StepException("the " + name + " contract could not be deployed now (" + e.getMessage() + "); retry this step", e);
        }
        context.publish(PREFIX + name, d.address() + " " + d.txid());
        return d;
    }

    private static void shown(OpnetRpc rpc, String name, SidecarWrites.Deployed d, List<String> waiting) {
        String why;
        try {
            if (rpc.hasCode(d.address())) {
                return;
            }
            why = "";
        } catch (ChainUnavailableException e) {
            why = " (" + e.getMessage() + ")";
        }
        waiting.add(name + " contract " + d.address() + " deployed in " + d.txid() + why);
    }
}
