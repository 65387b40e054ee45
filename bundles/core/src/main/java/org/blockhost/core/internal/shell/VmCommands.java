package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.console.api.VmRegistry.VmRecord;
import org.blockhost.core.internal.store.VmRegistryService;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code blockhost vm list | show NAME | hold NAME | release NAME}. */
@Component(service = VmCommands.class, property = {
        CommandRoles.PROPERTY + "=vm=read",
        CommandRoles.PROPERTY + "=vm list=read",
        CommandRoles.PROPERTY + "=vm show=read",
        CommandRoles.PROPERTY + "=vm *=operate"})
@GogoCommand(scope = "blockhost", function = {"vm"})
public final class VmCommands {
    private final VmRegistryService registry;

    @Activate
    public VmCommands(@Reference VmRegistryService registry) {
        this.registry = registry;
    }

    @Descriptor("VMs: vm (same as vm list)")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json) {
        vm(json, "list");
    }

    @Descriptor("VMs: vm list")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("list") String action) {
        if (!"list".equals(action)) {
            throw new IllegalArgumentException("usage: vm list | vm show NAME | vm hold NAME | vm release NAME");
        }
        List<VmRecord> all = registry.list();
        if (json) {
            Printer.json(System.out, all.stream().map(VmCommands::map).toList());
            return;
        }
        if (all.isEmpty()) {
            System.out.println("no VMs");
            return;
        }
        Printer.table(System.out, new String[] {"NAME", "SUBSCRIPTION", "STATE", "OWNER", "TOKEN", "EXPIRES", "HOLD"},
                all.stream().map(v -> new String[] {v.name(), Long.toString(v.subscriptionId()), v.state(), v.owner(),
                    v.tokenId().map(String::valueOf).orElse("-"), v.expiresAt().toString(), v.held() ? "held" : ""}).toList());
    }

    @Descriptor("VMs: vm show|hold|release NAME")
    public void vm(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("show, hold or release") String action, @Descriptor("VM name") String name) {
        VmRecord vm = registry.find(name).orElseThrow(() -> new IllegalArgumentException("no VM named " + name));
        PrintStream out = System.out;
        switch (action) {
            case "show" -> show(out, json, vm);
            case "hold", "release" -> {
                boolean hold = action.equals("hold");
                registry.vms().hold(name, hold, "operator", System.currentTimeMillis());
                Map<String, Object> result = Map.of("name", name, "held", hold);
                if (json) {
                    Printer.json(out, result);
                } else {
                    out.println(name + (hold ? " held: it will not be destroyed until released" : " released"));
                }
            }
            default -> throw new IllegalArgumentException("usage: vm show|hold|release NAME");
        }
    }

    private void show(PrintStream out, boolean json, VmRecord vm) {
        Map<String, Object> m = map(vm);
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

    private static Map<String, Object> map(VmRecord v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("subscription", v.subscriptionId());
        m.put("state", v.state());
        m.put("owner", v.owner());
        m.put("token", v.tokenId().orElse(null));
        m.put("expires", v.expiresAt().toString());
        m.put("held", v.held());
        return m;
    }
}
