package org.blockhost.installer.internal.network;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.blockhost.rootagent.api.UplinkAddressing;

/**
 * The VM bridge asked for on the Network page: a new bridge named {@code br<n>} or {@code vmbr<n>}
 * that takes over one of this machine's interfaces (the uplink) and its addressing, made by the root
 * agent's {@code host-bridge-create}; an uplink that ifupdown's file leases by DHCP (read by
 * {@link UplinkAddressing}, as the ISO's first boot reads it) asks for {@code "addressing":"dhcp"}: the
 * bridge then gets a lease of its own. The answer {@value #KEY} is the one owner of the bridge's name:
 * {@link VmBridgeStep} writes it into the libvirt provisioner's configuration. Fixed messages by field.
 */
public record VmBridge(String bridge, String uplink) {
    /** Answer key: the VM bridge's name. */
    public static final String KEY = org.blockhost.installer.api.WizardAnswers.VM_BRIDGE;
    private static final Pattern NAME = Pattern.compile("(br|vmbr)[0-9]{1,3}");

    /** The bridge, or the problems by field ({@code uplink}, {@code bridge}). */
    public record Result(Optional<VmBridge> change, Map<String, String> problems) {
    }

    public static Optional<String> problem(String name) {
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("the bridge name must be br or vmbr followed by 1 to 3 digits, like br0");
    }

    /**
     * The form's bridge, or its problems; {@code masters} (port → the device it is a port of, {@link Interfaces#masters})
     * lets the same bridge be asked for again once it holds the uplink (the root agent then changes nothing), as after
     * a save refused once the bridge was made.
     */
    public static Result parse(Map<String, String> form, Set<String> devices, Map<String, String> masters) {
        Map<String, String> p = new LinkedHashMap<>();
        String uplink = form.getOrDefault("uplink", "").strip();
        String bridge = form.getOrDefault("bridge", "").strip();
        if (!devices.contains(uplink)) {
            p.put("uplink", "Choose the interface that connects this machine to the network.");
        }
        if (problem(bridge).isPresent()) {
            p.put("bridge", "Enter br or vmbr followed by 1 to 3 digits, like br0.");
        } else if (devices.contains(bridge) && !bridge.equals(masters.get(uplink))) {
            p.put("bridge", "An interface with this name exists already: choose another name.");
        }
        return p.isEmpty() ? new Result(Optional.of(new VmBridge(bridge, uplink)), Map.of()) : new Result(Optional.empty(), p);
    }

    /** The action's parameters, with the uplink's addressing as {@code interfaces} (ifupdown's file) gives it. */
    public Map<String, Object> params(Path interfaces) {
        return UplinkAddressing.dhcp(interfaces, uplink) ? Map.of("bridge", bridge, "uplink", uplink, "addressing", "dhcp")
                : Map.of("bridge", bridge, "uplink", uplink);
    }

    public String plan(Path interfaces) {
        return "new bridge " + bridge + " with " + uplink + " as its port; " + (UplinkAddressing.dhcp(interfaces, uplink)
                ? bridge + " gets a DHCP lease of its own (" + uplink + " is DHCP-configured)" : uplink
                + "'s addresses and default route move to " + bridge) + "; VMs connect to " + bridge;
    }
}
