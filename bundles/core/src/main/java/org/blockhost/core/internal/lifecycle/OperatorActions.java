package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Instant;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;

/**
 * The operator's {@code vm suspend|resume|destroy NAME}. The lifecycle already suspends and
 * destroys lapsed VMs in any pipeline stage; these are for the cases it cannot judge (a parked
 * purchase the operator gives up on). A VM whose subscription is paid and whose pipeline is not
 * parked belongs to a paying customer: suspend and destroy refuse it unless forced. Destroy also
 * needs an explicit confirmation. Every action and every refusal is audited.
 */
public final class OperatorActions {
    private record Vm(String state, long subscription, Instant expires, boolean cancelled, boolean parked,
            boolean held, boolean operatorSuspended) {
    }

    private final Database db;
    private final VmActions actions;
    private final Clock clock;

    public OperatorActions(Database db, VmActions actions, Clock clock) {
        this.db = db;
        this.actions = actions;
        this.clock = clock;
    }

    public String suspend(String name, boolean forcePaid, String actor) {
        Vm vm = live(name);
        refuseIfPaid(name, vm, forcePaid, "suspend", actor);
        run(() -> actions.suspend(name, actor, note("operator suspend", vm, forcePaid), true));
        return name + " suspended: the lifecycle will not resume it until `vm resume " + name + "`";
    }

    public String start(String name, String actor) {
        Vm vm = live(name);
        refuseIfSuspended(name, vm, "start");
        run(() -> actions.start(name, actor, "operator start"));
        return name + " started";
    }

    public String stop(String name, String actor) {
        Vm vm = live(name);
        refuseIfSuspended(name, vm, "stop");
        run(() -> actions.stop(name, actor, "operator stop"));
        return name + " stopped: the guest was asked to shut down; start it again with `vm start " + name + "`";
    }

    private static void refuseIfSuspended(String name, Vm vm, String action) {
        if ("suspended".equals(vm.state())) {
            throw new IllegalArgumentException(name + " is suspended: resume it instead of " + action + "ing it");
        }
    }

    public String resume(String name, String actor) {
        Vm vm = live(name);
        if (!"suspended".equals(vm.state())) {
            throw new IllegalArgumentException(name + " is not suspended (" + vm.state() + ")");
        }
        if (!paid(vm)) {
            throw new IllegalArgumentException(name + ": subscription " + vm.subscription() + " is not paid (expired or"
                    + " cancelled); the lifecycle would suspend it again");
        }
        run(() -> actions.resume(name, actor, "operator resume"));
        return name + " resumed";
    }

    public String destroy(String name, boolean confirmed, boolean forcePaid, String actor) {
        Vm vm = live(name);
        if (!confirmed) {
            throw new IllegalArgumentException("vm destroy " + name + " deletes the VM and its disk for good: add --yes");
        }
        if (vm.held()) {
            refuse(name, actor, "destroy", "admin hold: `vm release " + name + "` first");
        }
        refuseIfPaid(name, vm, forcePaid, "destroy", actor);
        run(() -> actions.destroy(name, actor, note("operator destroy", vm, forcePaid)));
        return name + " destroyed";
    }

    private Vm live(String name) {
        Vm vm = db.read(c -> Sql.one(c, "SELECT v.state, s.id, s.expires_at, s.cancelled, p.parked_reason IS NOT NULL, v.held,"
                + " v.operator_suspended FROM vms v JOIN subscriptions s ON s.id = v.subscription_id LEFT JOIN pipeline p"
                + " ON p.subscription_id = s.id WHERE v.name = ?", r -> new Vm(r.getString(1), r.getLong(2),
                        Instant.ofEpochMilli(r.getLong(3)), r.getInt(4) == 1, r.getInt(5) == 1, r.getInt(6) == 1,
                        r.getInt(7) == 1), name))
                .orElseThrow(() -> new IllegalArgumentException("no VM named " + name));
        if ("destroyed".equals(vm.state())) {
            throw new IllegalArgumentException(name + " is already destroyed");
        }
        return vm;
    }

    private boolean paid(Vm vm) {
        return !vm.cancelled() && clock.instant().isBefore(vm.expires());
    }

    private void refuseIfPaid(String name, Vm vm, boolean forcePaid, String action, String actor) {
        if (paid(vm) && !vm.parked() && !forcePaid) {
            refuse(name, actor, action, "subscription " + vm.subscription() + " is paid until " + vm.expires()
                    + " and its pipeline is not parked; add --force-paid to " + action + " a paying customer's VM");
        }
    }

    private void refuse(String name, String actor, String action, String why) {
        long now = clock.millis();
        db.write(c -> {
            Audit.append(c, now, actor, name, action + " refused", why);
            return null;
        });
        throw new IllegalArgumentException(name + ": " + action + " refused: " + why);
    }

    private String note(String what, Vm vm, boolean forcePaid) {
        String paid = paid(vm) ? "paid until " + vm.expires() : "not paid";
        return what + " (" + paid + (vm.parked() ? ", pipeline parked" : "") + (forcePaid && paid(vm) ? ", forced" : "") + ")";
    }

    private static void run(Action a) {
        try {
            a.run();
        } catch (FenceException e) {
            throw new IllegalStateException("provisioner call failed, nothing changed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws FenceException;
    }
}
