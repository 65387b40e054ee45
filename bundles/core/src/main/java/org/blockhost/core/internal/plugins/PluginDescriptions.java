package org.blockhost.core.internal.plugins;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerId;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Reads plugin facts out of SCR's component description DTOs. */
final class PluginDescriptions {

    private PluginDescriptions() {
    }

    static PluginInfo.Kind kindOf(ComponentDescriptionDTO d) {
        List<String> services = d.serviceInterfaces == null ? List.of() : Arrays.asList(d.serviceInterfaces);
        if (services.contains(Engine.class.getName())) {
            return PluginInfo.Kind.ENGINE;
        }
        if (services.contains(Provisioner.class.getName())) {
            return PluginInfo.Kind.PROVISIONER;
        }
        return null;
    }

    static String idOf(PluginInfo.Kind kind, ComponentDescriptionDTO d) {
        String property = kind == PluginInfo.Kind.ENGINE ? EngineId.PROPERTY : ProvisionerId.PROPERTY;
        Object id = d.properties == null ? null : d.properties.get(property);
        return id == null ? d.name : String.valueOf(id);
    }

    /** SCR's failure text of a configuration that could not be activated, or null. */
    static String activationFailure(ServiceComponentRuntime scr, ComponentDescriptionDTO d) {
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                return c.failure == null ? "activation failed" : rootCause(c.failure);
            }
        }
        return null;
    }

    static boolean isActive(ServiceComponentRuntime scr, ComponentDescriptionDTO d, Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE || !scr.isComponentEnabled(d)) {
            return false;
        }
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                return true;
            }
        }
        return false;
    }

    static List<String> registeredServices(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        TreeSet<String> names = new TreeSet<>();
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                names.addAll(Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)));
            }
        }
        return List.copyOf(names);
    }

    /** The innermost "Caused by:" of a stack trace text, else its first line. */
    static String rootCause(String trace) {
        String cause = null;
        for (String line : trace.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Caused by: ")) {
                cause = t.substring("Caused by: ".length());
            }
        }
        if (cause == null) {
            int nl = trace.indexOf('\n');
            cause = (nl < 0 ? trace : trace.substring(0, nl)).strip();
        }
        return "activation failed: " + cause;
    }
}
