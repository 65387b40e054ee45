package org.blockhost.installer.internal.network;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finalization step {@value #ID}: when the VM bridge was created on the Network page (answer
 * {@value VmBridge#KEY}), the libvirt provisioner's VMs connect to it: {@code netType=bridge},
 * {@code network=<bridge>} in {@code org.blockhost.provisioner.libvirt}. It runs after the provisioner's
 * own steps (phase {@code INSTALLER_POST}), so the bridge wins over a network typed on the VM page.
 * Without the answer it does nothing.
 */
@Component(service = FinalizationStep.class)
public final class VmBridgeStep implements FinalizationStep {
    static final String ID = "network.vm-bridge";
    static final String LIBVIRT = "org.blockhost.provisioner.libvirt";
    private final ConfigurationAdmin cm;

    @Activate
    public VmBridgeStep(@Reference ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Connect the VMs to the VM bridge";
    }

    @Override
    public Phase phase() {
        return Phase.INSTALLER_POST;
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(VmBridge.KEY);
    }

    @Override
    public Optional<String> problem(String key, String value) {
        return VmBridge.KEY.equals(key) ? VmBridge.problem(value) : Optional.empty();
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        Optional<String> bridge = context.answer(VmBridge.KEY);
        try {
            Dictionary<String, Object> d = cm.getConfiguration(LIBVIRT, "?").getProperties();
            return bridge.isEmpty() || d != null && "bridge".equals(d.get("netType")) && bridge.get().equals(d.get("network"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        Optional<String> bridge = context.answer(VmBridge.KEY);
        if (bridge.isEmpty()) {
            return;
        }
        if (VmBridge.problem(bridge.get()).isPresent()) {
            throw new StepException("answer '" + VmBridge.KEY + "': " + VmBridge.problem(bridge.get()).get());
        }
        try {
            Configuration c = cm.getConfiguration(LIBVIRT, "?");
            Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            d.put("netType", "bridge");
            d.put("network", bridge.get());
            c.updateIfDifferent(d);
        } catch (IOException e) {
            throw new StepException("cannot store the VM bridge in the libvirt configuration: " + e.getMessage(), e);
        }
    }
}
