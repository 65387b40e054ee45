package org.blockhost.core.internal.funds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.funds.FundManager.Report;
import org.blockhost.core.internal.funds.FundStore.Run;
import org.blockhost.core.internal.funds.FundStore.Transfer;

/** The dry run: what {@link FundManager#run} would send now, from the same reads, sending nothing. */
final class FundPreview {

    private FundPreview() {
    }

    static Report of(FundSettings s, Optional<Run> open, FundStore store, FundFacts f) {
        List<String> lines = new ArrayList<>();
        if (open.isPresent()) {
            lines.add("would resume run " + open.get().id() + ":");
            for (Transfer t : store.transfers(open.get().id())) {
                if (!t.state().equals("paid")) {
                    lines.add("  " + t.kind() + " " + FundFacts.show(f.hostCoin(), t.amount()) + " to " + t.role() + " "
                            + t.to() + " (" + t.state() + (t.hash() == null ? "" : " " + t.hash()) + ")");
                }
            }
            lines.add(f.gasSentence(s));
            return new Report(open.get().id(), "dry-run", lines, List.of());
        }
        String refusal = f.refusal(s);
        if (refusal != null) {
            return new Report(0, "dry-run", List.of("would refuse: " + refusal), List.of());
        }
        lines.add(f.gasSentence(s));
        if (f.collected().amount().signum() > 0) {
            lines.add("would withdraw " + FundFacts.show(f.collected(), f.collected().amount())
                    + " from the contract to its payout address " + f.payout());
        } else {
            lines.add("nothing to withdraw: the contract holds no " + f.collected().asset());
        }
        if (!f.payoutIsHost()) {
            lines.add("the payout address " + f.payout() + " is not the host wallet: the withdrawal pays it directly");
            return new Report(0, "dry-run", lines, List.of());
        }
        var amount = f.hostCoin().amount().add(f.collected().amount());
        if (f.gasLow(s)) {
            lines.add("would hold " + FundFacts.show(f.hostCoin(), amount) + " in the host wallet until it has gas");
            return new Report(0, "dry-run", lines, List.of());
        }
        for (FundPlan.Transfer t : FundPlan.split(amount, s.shares(), s.remainderRole(), f.addresses())) {
            String what = s.shares().containsKey(t.role()) ? s.shares().get(t.role()) + " bp" : "the rest";
            lines.add("would pay " + FundFacts.show(f.hostCoin(), t.amount()) + " to " + t.role() + " " + t.to() + " ("
                    + what + ")");
        }
        return new Report(0, "dry-run", lines, List.of());
    }
}
