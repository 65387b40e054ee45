package org.blockhost.core.internal.plugins;

import java.util.ArrayList;
import java.util.List;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Decides whether the runtime is ready: one active engine and one active provisioner (the
 * configured ones, when configured).
 */
@Component(service = Readiness.class, configurationPid = Readiness.PID)
@Designate(ocd = Readiness.Config.class)
public final class Readiness {
    public static final String PID = "org.blockhost.core.readiness";

    @ObjectClassDefinition(name = "BlockHost readiness", description = "Which plugins /ready waits for")
    public @interface Config {
        @AttributeDefinition(name = "Engine", description = "Required engine id; empty accepts any engine")
        String engine() default "";

        @AttributeDefinition(name = "Provisioner", description = "Required provisioner id; empty accepts any")
        String provisioner() default "";
    }

    /** The readiness verdict. */
    public record View(boolean ready, List<String> engines, List<String> provisioners, List<String> missing,
            List<PluginInfo> failed) {
    }

    private final PluginStatus plugins;
    private volatile Config config;

    @Activate
    public Readiness(@Reference PluginStatus plugins, Config config) {
        this.plugins = plugins;
        this.config = config;
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
    }

    public View view() {
        return evaluate(plugins.plugins(), config.engine(), config.provisioner());
    }

    static View evaluate(List<PluginInfo> all, String wantEngine, String wantProvisioner) {
        List<String> engines = active(all, PluginInfo.Kind.ENGINE);
        List<String> provisioners = active(all, PluginInfo.Kind.PROVISIONER);
        List<String> missing = new ArrayList<>();
        checkPresent(engines, wantEngine, "engine", missing);
        checkPresent(provisioners, wantProvisioner, "provisioner", missing);
        List<PluginInfo> failed = all.stream().filter(p -> p.state() == PluginInfo.State.FAILED).toList();
        return new View(missing.isEmpty(), engines, provisioners, List.copyOf(missing), failed);
    }

    private static List<String> active(List<PluginInfo> all, PluginInfo.Kind kind) {
        return all.stream().filter(p -> p.kind() == kind && p.state() == PluginInfo.State.ACTIVE)
                .map(PluginInfo::id).distinct().toList();
    }

    private static void checkPresent(List<String> active, String wanted, String what, List<String> missing) {
        if (wanted.isBlank() ? active.isEmpty() : !active.contains(wanted)) {
            missing.add(wanted.isBlank() ? what : what + ":" + wanted);
        }
    }
}
