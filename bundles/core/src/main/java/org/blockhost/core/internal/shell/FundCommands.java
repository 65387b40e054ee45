package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.funds.FundJson;
import org.blockhost.core.internal.funds.FundManager;
import org.blockhost.core.internal.funds.FundManager.Report;
import org.blockhost.core.internal.funds.FundStore.Run;
import org.blockhost.core.internal.funds.FundStore.Transfer;
import org.blockhost.core.internal.funds.FundsComponent;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code blockhost funds [--json] status | run [--dry-run]}: the fund manager's last runs, a dry run
 * that prints what a run would send, or a run now. Anything else is refused with the usage and
 * sends nothing.
 */
@Component(service = FundCommands.class, property = {
        CommandRoles.PROPERTY + "=funds=read",
        CommandRoles.PROPERTY + "=funds status=read",
        CommandRoles.PROPERTY + "=funds *=treasury"})
@GogoCommand(scope = "blockhost", function = {"funds"})
public final class FundCommands {
    static final String USAGE = "usage: funds [--json] status | funds [--json] run [--dry-run]";
    private volatile FundsComponent funds;

    public FundCommands() {
    }

    FundCommands(FundsComponent funds) {
        this.funds = funds;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFunds(FundsComponent bound) {
        funds = bound;
    }

    void unbindFunds(FundsComponent unbound) {
        if (funds == unbound) {
            funds = null;
        }
    }

    @Descriptor("fund manager: funds status | funds run [--dry-run]")
    public void funds(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, String... args) throws InterruptedException {
        run(System.out, json, args);
    }

    void run(PrintStream out, boolean json, String... args) throws InterruptedException {
        String verb = parse(args);
        FundsComponent f = funds;
        if (f == null) {
            throw new IllegalStateException("the fund manager is not active (its configuration "
                    + FundsComponent.PID + " is invalid or core is starting; see the log)");
        }
        FundManager m = f.manager();
        if (verb.equals("status")) {
            status(out, json, m);
            return;
        }
        try {
            print(out, json, verb.equals("dry-run") ? m.dryRun() : m.run());
        } catch (FenceException e) {
            throw new IllegalStateException("nothing more was sent: " + e.getMessage());
        }
    }

    /** {@code status}, {@code run} or {@code dry-run}; anything else is the usage. */
    static String parse(String... args) {
        if (args.length == 0 || (args.length == 1 && args[0].equals("status"))) {
            return "status";
        }
        if (args[0].equals("run") && args.length == 1) {
            return "run";
        }
        if (args[0].equals("run") && args.length == 2 && args[1].equals("--dry-run")) {
            return "dry-run";
        }
        throw new IllegalArgumentException(USAGE);
    }

    private static void status(PrintStream out, boolean json, FundManager m) {
        if (json) {
            Printer.json(out, FundJson.status(m, false));
            return;
        }
        List<Run> runs = m.recentRuns(10);
        out.println("scheduled runs " + (m.settings().enabled() ? "every " + m.settings().intervalMinutes() + " min"
                : "off (funds run works)") + "; shares " + m.settings().shares() + "; rest to " + m.settings().remainderRole());
        if (runs.isEmpty()) {
            out.println("no runs yet: funds run --dry-run shows what a run would do");
            return;
        }
        Printer.table(out, new String[] {"RUN", "STARTED", "STATE", "DETAIL"}, runs.stream().map(r -> new String[] {
            Long.toString(r.id()), Instant.ofEpochMilli(r.startedAt()).toString(), r.state(), r.detail()}).toList());
    }

    private static void print(PrintStream out, boolean json, Report r) {
        if (json) {
            Printer.json(out, Map.of("run", r.run(), "state", r.state(), "lines", r.lines(),
                    "transfers", r.transfers().stream().map(FundJson::transfer).toList()));
            return;
        }
        out.println(r.state().equals("dry-run") ? "dry run (nothing sent):" : "run " + r.run() + ": " + r.state());
        r.lines().forEach(l -> out.println("  " + l));
        for (Transfer t : r.transfers()) {
            out.println("  " + t.kind() + " " + t.amount() + " " + t.asset() + " to " + t.role() + " " + t.to() + ": "
                    + t.state() + (t.hash() == null ? "" : " " + t.hash()));
        }
    }
}
