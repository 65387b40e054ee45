package org.blockhost.engine.evm.internal;

import java.util.List;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.Address;

/**
 * Hands the owner role of both contracts from the host key to the answered admin wallet
 * ({@value AdminCredentialStep#ADMIN_WALLET}, the operator's cold wallet), after the plans and the
 * admin credential exist. Afterwards the hot host key keeps only the operator role (mint and update
 * credentials, mark subscriptions destroyed, trigger withdrawals), while plans, prices, the
 * stablecoin, the roles and the payout address (by default the owner, so the admin wallet) need
 * the admin wallet. Idempotent: a contract already owned by the admin wallet is left alone.
 */
@EngineId(EvmEngine.ID)
@Component(service = FinalizationStep.class)
public final class HandOverStep implements FinalizationStep {
    private static final Logger LOG = LoggerFactory.getLogger(HandOverStep.class);

    @Override
    public String id() {
        return "evm.handover";
    }

    @Override
    public String label() {
        return "Hand the contracts' owner role to the admin wallet";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_POST;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(AdminCredentialStep.ADMIN_WALLET);
    }

    @Override
    public java.util.Optional<String> problem(String key, String value) {
        return EvmAnswerChecks.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        String admin = AdminCredentialStep.adminWallet(context);
        try (SetupChain chain = SetupChain.open(context)) {
            requireCold(admin, chain.sender.address());
            for (String contract : contracts(context)) {
                ContractRoles roles = ContractRoles.read(chain.calls, chain.sender.address(), contract);
                if (!roles.ownedBy(admin) || !roles.operatedBy(chain.sender.address())) {
                    return false;
                }
            }
            return true;
        } catch (ChainUnavailableException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        String admin = AdminCredentialStep.adminWallet(context);
        try (SetupChain chain = SetupChain.open(context)) {
            String host = chain.sender.address();
            requireCold(admin, host);
            for (String contract : contracts(context)) {
                ContractRoles roles = ContractRoles.read(chain.calls, host, contract);
                if (!roles.operatedBy(host)) {
                    throw new StepException(contract + " is operated by " + roles.operator() + ", not by the host key");
                }
                if (roles.ownedBy(admin)) {
                    continue;
                }
                if (!roles.ownedBy(host)) {
                    throw new StepException(contract + " is owned by " + roles.owner()
                            + ", neither by the host key nor by the admin wallet " + admin);
                }
                chain.sender.sendAndWait(contract, Abi.encode("transferOwnership", new Address(admin)));
                LOG.info("the owner of {} is now the admin wallet {}", contract, admin);
            }
        } catch (ChainUnavailableException | TransactionRevertedException e) {
            throw new StepException("handing the contracts to the admin wallet failed: " + e.getMessage(), e);
        }
    }

    private static void requireCold(String admin, String host) throws StepException {
        if (admin.equalsIgnoreCase(host)) {
            throw new StepException("the admin wallet must not be the host key: the owner role needs a wallet kept"
                    + " off this machine");
        }
    }

    private static List<String> contracts(FinalizationContext context) throws StepException {
        return List.of(CreatePlansStep.subscriptions(context), context.published(DeployContractsStep.CREDENTIAL)
                .orElseThrow(() -> new StepException("the contracts are not deployed yet (step evm.contracts)")));
    }
}
