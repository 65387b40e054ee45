package org.blockhost.engine.evm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.SummarySection;
import org.osgi.service.component.annotations.Component;

/**
 * The engine's section of the wizard summary: the chain, the host wallet, the plans and the admin
 * wallet, each linking to its page. The RPC URL is masked as on the chain page.
 */
@Component(service = SummarySection.class)
@EngineId(EvmEngine.ID)
public final class EvmSummary implements SummarySection {

    @Override
    public String title() {
        return "Blockchain (EVM)";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Entry> entries(Map<String, String> answers) {
        List<Entry> e = new ArrayList<>();
        String chain = "/evm-chain";
        e.add(new Entry("RPC URL", ChainSettingsServlet.mask(answers.getOrDefault(SetupChain.RPC_URL, "")), chain));
        e.add(new Entry("Chain id", answers.getOrDefault(SetupChain.CHAIN_ID, ""), chain));
        e.add(new Entry("Host wallet key file",
                answers.getOrDefault(SetupChain.HOST_KEY_FILE, "(a new key is created during setup)"), chain));
        e.add(new Entry("Plans", plans(answers.get(CreatePlansStep.PLANS)), EvmAdminServlet.PATH));
        e.add(new Entry("Admin wallet", answers.getOrDefault(AdminCredentialStep.ADMIN_WALLET, ""), EvmWalletServlet.PATH));
        e.add(new Entry("Admin access key", answers.containsKey(AdminCredentialStep.ADMIN_ACCESS_KEY) ? "given"
                : "asked for while setup finishes (it needs the deployed contract)", "/finalization"));
        return e;
    }

    /** "basic 1.00 USD / day, standard 2.00 USD / day", or the answer as given when it does not parse. */
    static String plans(String answer) {
        if (answer == null) {
            return "";
        }
        try {
            return String.join(", ", PlanSpec.parse(answer).stream()
                    .map(p -> p.name() + " " + String.format(java.util.Locale.ROOT, "%d.%02d USD / day",
                            p.pricePerDayUsdCents() / 100, p.pricePerDayUsdCents() % 100)).toList());
        } catch (IllegalArgumentException e) {
            return answer;
        }
    }
}
