package org.blockhost.core.internal.shell;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.plugins.Readiness;
import org.blockhost.platform.api.CommandRoles;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.blockhost.web.api.TlsEndpoint;

/** Operator commands {@code blockhost status} and {@code blockhost plugins}. */
@Component(service = PlatformCommands.class, property = {
        CommandRoles.PROPERTY + "=status=read",
        CommandRoles.PROPERTY + "=plugins=read"})
@GogoCommand(scope = "blockhost", function = {"status", "plugins"})
public final class PlatformCommands {
    private final PluginStatus plugins;
    private final Readiness readiness;
    private final RuntimeLayout layout;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TlsEndpoint tls;

    @Activate
    public PlatformCommands(@Reference PluginStatus plugins, @Reference Readiness readiness, BundleContext context) {
        this.plugins = plugins;
        this.readiness = readiness;
        this.layout = RuntimeLayout.from(context::getProperty);
    }

    @Descriptor("runtime mode, readiness, active engine and provisioner")
    public void status(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json) {
        Readiness.View view = readiness.view();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", layout.dev() ? "dev" : "production");
        status.put("ready", view.ready());
        status.put("engine", first(view.engines()));
        status.put("provisioner", first(view.provisioners()));
        status.put("missing", view.missing());
        status.put("failed", view.failed().stream().map(PluginInfo::id).toList());
        status.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        status.put("configDir", layout.configDir().toString());
        status.put("stateDir", layout.stateDir().toString());
        status.put("pluginsDir", layout.pluginsDir().toString());
        TlsEndpoint https = tls;
        status.put("httpsUrl", https == null ? null : https.httpsUrl());
        status.put("tlsFingerprint", https == null ? null : https.fingerprint());
        PrintStream out = System.out;
        if (json) {
            Printer.json(out, status);
            return;
        }
        out.println("mode:        " + status.get("mode"));
        out.println("ready:       " + (view.ready() ? "yes" : "no (missing: " + String.join(", ", view.missing()) + ")"));
        out.println("engine:      " + orDash(first(view.engines())));
        out.println("provisioner: " + orDash(first(view.provisioners())));
        view.failed().forEach(p -> out.println("failed:      " + p.id() + " - " + p.failure()));
        out.println("uptime:      " + Duration.ofSeconds((Long) status.get("uptimeSeconds")));
        out.println("plugins dir: " + layout.pluginsDir());
        out.println("https:       " + (https == null ? "off" : https.httpsUrl() + " (certificate SHA-256 " + https.fingerprint() + ")"));
    }

    @Descriptor("engine and provisioner plugins with their state")
    public void plugins(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json) {
        List<PluginInfo> all = plugins.plugins();
        if (json) {
            Printer.json(System.out, all);
            return;
        }
        if (all.isEmpty()) {
            System.out.println("no engine or provisioner plugins installed (plugins dir: " + layout.pluginsDir() + ")");
            return;
        }
        List<String[]> rows = all.stream().map(p -> new String[] {p.kind().name().toLowerCase(), p.id(),
                p.bundleSymbolicName() + " " + p.bundleVersion(), p.state().name().toLowerCase(),
                p.failure().isEmpty() ? String.join(",", shortNames(p.services())) : p.failure()}).toList();
        Printer.table(System.out, new String[] {"KIND", "ID", "BUNDLE", "STATE", "SERVICES / REASON"}, rows);
    }

    private static List<String> shortNames(List<String> services) {
        return services.stream().map(s -> s.substring(s.lastIndexOf('.') + 1)).toList();
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
