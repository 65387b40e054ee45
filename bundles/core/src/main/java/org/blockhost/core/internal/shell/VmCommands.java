package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.console.api.VmRegistry.VmRecord;
import org.blockhost.console.api.VmOperations;
import org.blockhost.console.api.VmOperations.Action;
import org.blockhost.core.internal.operator.OperatorService;
import org.blockhost.core.internal.pool.PoolComponent;
import org.blockhost.core.internal.store.VmRegistryService;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code blockhost vm list | show NAME | hold NAME | release NAME | start NAME | stop NAME |
 * suspend NAME [--force-paid] | resume NAME | destroy NAME --yes [--force-paid]}; the actions go
 * through {@link VmOperations} like the admin console's.
 */
@Component(service = VmCommands.class, property = {
        CommandRoles.PROPERTY + "=vm=read",
        CommandRoles.PROPERTY + "=vm list=read",
        CommandRoles.PROPERTY + "=vm show=read",
        CommandRoles.PROPERTY + "=vm *=operate"})
@GogoCommand(scope = "blockhost", function = {"vm"})
public final class VmCommands {
    private static final String USAGE = "usage: vm show|hold|release|start|stop|resume NAME | vm suspend NAME [--force-paid]"
            + " | vm destroy NAME --yes [--force-paid]";
    private final VmRegistryService registry;
    private final OperatorService operations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PoolComponent pool;

    @Activate
    public VmCommands(@Reference VmRegistryService registry, @Reference OperatorService operations) {
        this.registry = registry;
        this.operations = operations;
    }

    @Descriptor("VMs: vm (same as vm list)")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json) {
        vm(json, false, "list");
    }

    @Descriptor("VMs: vm list [--pool]")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("the warm pool's VMs instead") @Parameter(names = "--pool", absentValue = "false",
            presentValue = "true") boolean pool, @Descriptor("list") String action) {
        if (!"list".equals(action)) {
            throw new IllegalArgumentException("usage: vm list [--pool] | " + USAGE.substring("usage: ".length()));
        }
        if (pool) {
            PoolListing.print(System.out, json, this.pool);
            return;
        }
        List<VmRecord> all = registry.list();
        if (json) {
            Printer.json(System.out, all.stream().map(VmRecord::toMap).toList());
            return;
        }
        table(System.out, all);
    }

    /** The {@code vm list} table; PROVISIONER is the one that made the VM ({@code -}: made before core recorded it). */
    static void table(PrintStream out, List<VmRecord> all) {
        if (all.isEmpty()) {
            out.println("no VMs");
            return;
        }
        Printer.table(out, new String[] {"NAME", "SUBSCRIPTION", "STATE", "READY", "OWNER", "TOKEN", "EXPIRES", "HOLD",
            "PROVISIONER"}, all.stream().map(v -> new String[] {v.name(), Long.toString(v.subscriptionId()), v.state(),
                ready(v), v.owner(), v.tokenId().map(String::valueOf).orElse("-"), v.expiresAt().toString(),
                v.held() ? "held" : "", v.provisioner().isEmpty() ? "-" : v.provisioner()}).toList());
    }

    @Descriptor("VMs: vm show|hold|release|start|stop|suspend|resume|destroy NAME")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("confirm an irreversible destroy") @Parameter(names = "--yes", absentValue = "false",
            presentValue = "true") boolean yes, @Descriptor("also act on a paid VM whose pipeline is not parked")
            @Parameter(names = "--force-paid", absentValue = "false", presentValue = "true") boolean forcePaid,
            @Descriptor("show, hold, release, start, stop, suspend, resume or destroy") String action,
            @Descriptor("VM name") String name) {
        VmRecord vm = registry.find(name).orElseThrow(() -> new IllegalArgumentException("no VM named " + name));
        PrintStream out = System.out;
        if ("show".equals(action)) {
            show(out, json, vm);
            return;
        }
        Action a = switch (action) {
            case "start", "stop", "suspend", "resume", "destroy", "hold", "release" -> Action.valueOf(action.toUpperCase(java.util.Locale.ROOT));
            default -> throw new IllegalArgumentException(USAGE);
        };
        String done;
        try {
            done = operations.perform(new VmOperations.Request(name, a, yes, forcePaid, "operator"));
        } catch (VmOperations.RefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!json) {
            out.println(done);
        } else if (a == Action.HOLD || a == Action.RELEASE) {
            Printer.json(out, Map.of("name", name, "held", a == Action.HOLD));
        } else {
            Printer.json(out, Map.of("name", name, "action", action, "done", true));
        }
    }

    /** yes once the guest reported its first boot finished; booting while created and not yet; - otherwise. */
    static String ready(VmRecord v) {
        if (v.readyAt().isPresent()) {
            return "yes";
        }
        return "provisioning".equals(v.state()) || "active".equals(v.state()) ? "booting" : "-";
    }

    private void show(PrintStream out, boolean json, VmRecord vm) {
        Map<String, Object> m = vm.toMap();
        m.put("audit", registry.vms().audit(vm.name(), 20));
        if (json) {
            Printer.json(out, m);
            return;
        }
        m.forEach((k, v) -> {
            if (!k.equals("audit")) {
                out.printf("%-13s %s%n", k + ":", v);
            }
        });
        out.println("history:");
        registry.vms().audit(vm.name(), 20).forEach(a -> out.println("  " + a.get("at") + "  " + a.get("actor") + "  "
                + a.get("action") + "  " + a.get("detail")));
    }

}
