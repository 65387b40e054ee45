package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.vm.AgentCalls;
import org.blockhost.provisioner.libvirt.internal.wizard.ConfigWriter;
import org.blockhost.provisioner.libvirt.internal.wizard.Ipv6Answer;
import org.blockhost.provisioner.libvirt.internal.wizard.SetupForm;
import org.blockhost.provisioner.libvirt.internal.wizard.StorageCheck;
import org.blockhost.rootagent.api.RootAgent;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Finalization (PROVISIONER phase): stores the answered libvirt settings, then builds the Debian
 * template (or reuses one with the same recipe) and publishes its SHA-256. In dev mode
 * a blank placeholder image stands in for the template (the test driver never boots it).
 */
@Component(service = FinalizationStep.class, configurationPid = LibvirtConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@ProvisionerId(LibvirtProvisioner.ID)
public final class TemplateStep implements FinalizationStep {
    public static final String ID = "libvirt.template";
    public static final String TEMPLATE = "libvirt.template";
    public static final String PACKAGES = "libvirt.template_packages";
    public static final String SHA256 = "libvirt.template.sha256";
    public static final String DEFAULT_TEMPLATE = "debian-12";
    private final ConfigWriter config;
    private final ConfigurationAdmin cm;
    private final Settings settings;
    private final RootAgent rootAgent;
    private final boolean dev;

    @Activate
    public TemplateStep(@Reference ConfigurationAdmin cm, @Reference RootAgent rootAgent, LibvirtConfig config,
            BundleContext context) {
        this(cm, rootAgent, config, RuntimeLayout.from(context::getProperty).dev());
    }

    /** {@code dev}: the runtime runs in dev mode (its in-process agent writes the VM disks as the runtime's user). */
    TemplateStep(ConfigurationAdmin cm, RootAgent rootAgent, LibvirtConfig config, boolean dev) {
        this.config = new ConfigWriter(cm);
        this.cm = cm;
        this.rootAgent = rootAgent;
        this.settings = Settings.from(config);
        this.dev = dev;
    }

    @Override public String id() { return ID; }
    @Override public String label() { return "VM template (Debian 12)"; }
    @Override public Phase phase() { return Phase.PROVISIONER; }
    @Override public int order() { return 10; }

    @Override
    public Set<String> answerKeys() {
        return Set.of(SetupForm.URI, SetupForm.VM_DIR, SetupForm.NET_TYPE, SetupForm.NETWORK, SetupForm.POOL,
                SetupForm.GRACE, TEMPLATE, PACKAGES, Ipv6Answer.KEY,
                Ipv6Answer.UPLINK_KEY);
    }

    /**
     * The pages' own field checks ({@link SetupForm}; the VM directory also against this machine,
     * {@link StorageCheck}), so an answers file is refused exactly as the page would.
     */
    @Override
    public java.util.Optional<String> problem(String key, String value) {
        if (Ipv6Answer.KEY.equals(key)) {
            return Ipv6Answer.problem(value).map(m -> "field '" + key + "': " + m);
        }
        if (Ipv6Answer.UPLINK_KEY.equals(key)) {
            return Ipv6Answer.uplinkProblem(value).map(m -> "field '" + key + "': " + m);
        }
        if (SetupForm.VM_DIR.equals(key)) {
            return StorageCheck.problem(value, storageNeed(), dev).map(m -> "field '" + key + "': " + m);
        }
        return java.util.Optional.ofNullable(SetupForm.validate(k -> k.equals(key) ? value : null).errors().get(key))
                .map(m -> "field '" + key + "': " + m);
    }

    @Override
    public boolean isComplete(FinalizationContext ctx) throws StepException {
        return ctx.published(SHA256).isPresent()
                && service(null).reusable(spec(ctx)).isPresent();
    }

    @Override
    public void run(FinalizationContext ctx) throws StepException {
        SetupForm.Result r = SetupForm.validate(k -> ctx.answer(k).orElse(null));
        if (!r.ok()) {
            throw new StepException(String.join("; ", r.errors().values()));
        }
        java.util.Map<String, Object> props = new java.util.LinkedHashMap<>(r.properties());
        ipv6Properties(ctx, props);
        try {
            config.merge(props);
        } catch (IOException e) {
            throw new StepException("cannot store the libvirt configuration");
        }
        TemplateSpec spec = spec(ctx);
        try {
            String sha = ctx.devMode()
                    ? DevTemplate.ensure(settings.templateDir(), service(null).recipe(spec))
                    : service(new AgentCalls(rootAgent)).build(spec).sha256();
            ctx.publish(SHA256, sha);
        } catch (ProvisionerException e) {
            throw new StepException(e.getMessage());
        }
    }

    /** {@code ipv6Prefix} and {@code ipv6Uplink} from their answers; no prefix, no uplink. */
    static void ipv6Properties(FinalizationContext ctx, java.util.Map<String, Object> props) throws StepException {
        java.util.Optional<String> ipv6 = ctx.answer(Ipv6Answer.KEY);
        if (ipv6.isEmpty()) {
            return;
        }
        if (Ipv6Answer.problem(ipv6.get()).isPresent()) {
            throw new StepException("answer '" + Ipv6Answer.KEY + "': " + Ipv6Answer.problem(ipv6.get()).get());
        }
        String prefix = Ipv6Answer.property(ipv6.get());
        String uplink = ctx.answer(Ipv6Answer.UPLINK_KEY).orElse(Ipv6Answer.NONE);
        if (Ipv6Answer.uplinkProblem(uplink).isPresent()) {
            throw new StepException("answer '" + Ipv6Answer.UPLINK_KEY + "': " + Ipv6Answer.uplinkProblem(uplink).get());
        }
        props.put("ipv6Prefix", prefix);
        props.put("ipv6Uplink", prefix.isEmpty() ? "" : Ipv6Answer.uplinkProperty(uplink));
    }

    /** What the VM directory must have room for (the Storage page shows it too). */
    public StorageCheck.Need storageNeed() {
        return StorageCheck.need(cm, settings.templateDir());
    }

    private TemplateService service(AgentCalls agent) {
        return new TemplateService(settings.templateDir(), agent, settings.templateLocalPackages());
    }

    static TemplateSpec spec(FinalizationContext ctx) throws StepException {
        String name = ctx.answer(TEMPLATE).orElse(DEFAULT_TEMPLATE);
        List<String> pkgs = ctx.answer(PACKAGES).map(s -> Arrays.stream(s.split("[,\\s]+"))
                .filter(p -> !p.isEmpty()).toList()).orElse(List.of());
        try {
            return new TemplateSpec(name, pkgs);
        } catch (IllegalArgumentException e) {
            throw new StepException("template name or extra packages invalid (Debian package names, comma-separated)");
        }
    }
}
