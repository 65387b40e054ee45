package org.blockhost.provisioner.libvirt.internal.shell;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator command {@code blockhost template build [--json]}: builds (or reuses) the configured template. */
@Component(service = TemplateCommand.class, configurationPid = LibvirtConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = CommandRoles.PROPERTY + "=template build=operate")
@GogoCommand(scope = "blockhost", function = "template")
public final class TemplateCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateCommand.class);
    private final Provisioner provisioner;
    private final String name;
    private final List<String> packages;

    @Activate
    public TemplateCommand(@Reference(target = "(org.blockhost.provisioner.id=libvirt)") Provisioner provisioner,
            LibvirtConfig config) {
        this(provisioner, config.templateName(), Arrays.asList(config.templatePackages()));
    }

    public TemplateCommand(Provisioner provisioner, String name, List<String> packages) {
        this.provisioner = provisioner;
        this.name = name;
        this.packages = packages == null ? List.of() : packages;
    }

    @Descriptor("build (or reuse) the configured VM template: template build [--json]")
    public void template(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, @Descriptor("build") String action) {
        run(System.out, json, action);
    }

    /** Runs the command; returns the exit status (0 ok, 1 failed, 2 usage). Never throws. */
    public int run(PrintStream out, boolean json, String... args) {
        if (args == null || args.length != 1 || !"build".equals(args[0])) {
            return Output.error(out, json, "usage: template build [--json]", 2);
        }
        long t0 = System.nanoTime();
        try {
            TemplateInfo info = provisioner.buildTemplate(new TemplateSpec(name, packages));
            Output.result(out, json, info, (System.nanoTime() - t0) / 1_000_000L);
            return 0;
        } catch (ProvisionerException e) {
            LOG.warn("template build of {} failed: {}", name, e.getMessage());
            return Output.error(out, json, "template build failed: " + e.getMessage(), 1);
        } catch (IllegalArgumentException e) {
            return Output.error(out, json, "template recipe invalid: " + e.getMessage(), 1);
        } catch (RuntimeException e) {
            LOG.warn("template build of {} failed", name, e);
            return Output.error(out, json, "template build failed: internal error (see the log)", 1);
        }
    }
}
