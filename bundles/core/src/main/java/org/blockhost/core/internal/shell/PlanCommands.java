package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.PlanManager;
import org.blockhost.engine.api.PlanManager.Change;
import org.blockhost.engine.api.PlanManager.Outcome;
import org.blockhost.engine.api.PlanManager.Plan;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blockhost plan [list] | create NAME PRICE | update ID PRICE | retire ID}, prices in US
 * dollars a day ({@code 1.50}); through the active engine's {@link PlanManager}, the same service
 * the admin console's Plans page uses. Input is checked before the engine is asked: a bad price
 * or an unknown plan sends nothing. Engine calls are fenced (60 s: a change waits for its receipt).
 */
@Component(service = PlanCommands.class, property = {
        CommandRoles.PROPERTY + "=plan=read",
        CommandRoles.PROPERTY + "=plan list=read",
        CommandRoles.PROPERTY + "=plan *=operate"})
@GogoCommand(scope = "blockhost", function = {"plan"})
public final class PlanCommands {
    static final String USAGE = "usage: plan [list] | plan create NAME PRICE | plan update ID PRICE | plan retire ID"
            + " (PRICE in US dollars a day, e.g. 1.50)";
    private static final Logger LOG = LoggerFactory.getLogger(PlanCommands.class);
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-plan-command");
        t.setDaemon(true);
        return t;
    });
    private volatile PlanManager plans;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindPlans(PlanManager bound) {
        plans = bound;
    }

    void unbindPlans(PlanManager unbound) {
        if (plans == unbound) {
            plans = null;
        }
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Descriptor("plans: plan [list] | create NAME PRICE | update ID PRICE | retire ID (PRICE in USD a day)")
    public void plan(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, String... args) {
        run(System.out, json, args);
    }

    void run(PrintStream out, boolean json, String... args) {
        if (args.length == 0 || (args.length == 1 && args[0].equals("list"))) {
            List<Plan> all = fenced(PlanManager::plans);
            if (json) {
                Printer.json(out, all.stream().map(Plan::toMap).toList());
            } else if (all.isEmpty()) {
                out.println("no plans yet: plan create NAME PRICE");
            } else {
                Printer.table(out, new String[] {"ID", "NAME", "USD/DAY", "STATE"}, all.stream().map(p -> new String[] {
                    Long.toString(p.id()), p.name(), p.usdPerDay(), p.active() ? "on sale" : "retired"}).toList());
            }
            return;
        }
        Change change = parse(args);
        Outcome outcome = fenced(m -> m.apply(change));
        if (json) {
            Printer.json(out, outcome.toMap());
        } else {
            out.println(describe(change, outcome));
        }
    }

    /** The change the arguments ask for; refuses anything else with the usage or the reason. */
    static Change parse(String... args) {
        String verb = args[0];
        return switch (verb) {
            case "create" -> {
                require(args.length == 3);
                yield Change.create(args[1], Change.centsOf(args[2]));
            }
            case "update" -> {
                require(args.length == 3);
                yield Change.price(planId(args[1]), Change.centsOf(args[2]));
            }
            case "retire" -> {
                require(args.length == 2);
                yield Change.retire(planId(args[1]));
            }
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    static String describe(Change change, Outcome outcome) {
        String what = switch (change.kind()) {
            case CREATE -> "plan '" + change.name() + "'" + (outcome.isSent() ? " created as plan " + outcome.planId() : "");
            case PRICE -> "plan " + change.planId() + " now costs " + new Plan(0, "", change.centsPerDay(), true).usdPerDay()
                    + " USD a day";
            case RETIRE -> "plan " + change.planId() + " retired (running subscriptions keep it)";
        };
        if (outcome.isSent()) {
            return what + ": transaction " + outcome.transaction().orElseThrow();
        }
        return "Not sent: the plans belong to the owner wallet " + outcome.owner() + ", not to the host wallet.\n"
                + "Send this transaction from the owner wallet (the admin console's Plans page does it for you):\n"
                + "  to    " + outcome.to() + "\n  data  " + outcome.data();
    }

    private static long planId(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("A plan id is a number such as 1 (see plan list): " + text);
        }
        return Long.parseLong(text);
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException(USAGE);
        }
    }

    @FunctionalInterface
    interface PlanCall<T> {
        T call(PlanManager manager) throws Exception;
    }

    private <T> T fenced(PlanCall<T> call) {
        PlanManager manager = plans;
        if (manager == null) {
            throw new IllegalStateException("No chain engine is active: plans cannot be read or changed.");
        }
        Future<T> f = calls.submit(() -> call.call(manager));
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted; the change may still be sent: check plan list.");
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("The chain did not confirm within 60 s; check plan list before retrying.");
        } catch (ExecutionException e) {
            throw refusal(e.getCause());
        }
    }

    private static RuntimeException refusal(Throwable cause) {
        if (cause instanceof PlanManager.RefusedException r) {
            return new IllegalArgumentException(r.getMessage());
        }
        if (cause instanceof ChainUnavailableException) {
            return new IllegalStateException("The chain could not be reached or did not confirm; check plan list before"
                    + " trying again.");
        }
        LOG.warn("plan command: the engine failed", cause);
        return new IllegalStateException("The engine failed; nothing was changed. See the runtime log.");
    }
}
