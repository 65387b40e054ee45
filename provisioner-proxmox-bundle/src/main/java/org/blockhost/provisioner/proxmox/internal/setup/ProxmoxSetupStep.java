package org.blockhost.provisioner.proxmox.internal.setup;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.proxmox.internal.Connection;
import org.blockhost.provisioner.proxmox.internal.ProxmoxProvisioner;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterChoices;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterView;
import org.blockhost.provisioner.proxmox.internal.vm.Errors;
import org.blockhost.provisioner.proxmox.internal.wizard.ConfigValues;
import org.blockhost.provisioner.proxmox.internal.wizard.ProxmoxForm;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finalization (PROVISIONER phase): checks the answers with the wizard page's {@link ProxmoxForm},
 * checks the token against the cluster (node, storage and bridge exist; no privilege missing),
 * stores the configuration (which activates the provisioner), then imports or records the template
 * ({@link TemplateSetup}: progress, SHA-256 and template VMIDs published).
 */
@Component(service = FinalizationStep.class)
@ProvisionerId(ProxmoxProvisioner.ID)
public final class ProxmoxSetupStep implements FinalizationStep {
    public static final String ID = "proxmox.setup";
    public static final String TEMPLATE = "proxmox.template";
    public static final String DEFAULT_TEMPLATE = "debian-12";
    private final ConfigStore store;

    @Activate
    public ProxmoxSetupStep(@Reference ConfigurationAdmin cm) {
        this(ConfigStore.of(cm));
    }

    public ProxmoxSetupStep(ConfigStore store) {
        this.store = store;
    }

    @Override public String id() { return ID; }
    @Override public String label() { return "Proxmox VE: token check and VM template"; }
    @Override public Phase phase() { return Phase.PROVISIONER; }
    @Override public int order() { return 10; }

    @Override
    public Set<String> answerKeys() {
        Set<String> keys = new TreeSet<>(ProxmoxForm.fields());
        keys.add(TEMPLATE);
        return keys;
    }

    @Override
    public Optional<String> problem(String key, String value) {
        if (TEMPLATE.equals(key)) {
            return template(value).isPresent() ? Optional.empty()
                    : Optional.of("field '" + key + "': template name must be like debian-12");
        }
        return ProxmoxForm.problem(key, value).map(m -> "field '" + key + "': " + m);
    }

    @Override
    public boolean isComplete(FinalizationContext ctx) {
        Optional<String> ids = ctx.published(TemplateSetup.IDS);
        if (ids.isEmpty()) {
            return false;
        }
        try {
            PveClient pve = Connection.open(ConfigValues.settings(store.current()));
            return ids.get().equals(TemplateSetup.ids(ClusterView.read(pve), templateName(ctx)));
        } catch (IOException | GeneralSecurityException | PveException | IllegalArgumentException | StepException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext ctx) throws StepException {
        ProxmoxForm.Result r = ProxmoxForm.validate(k -> ctx.answer(k).orElse(null), true);
        if (!r.ok()) {
            throw new StepException(String.join("; ", r.errors().values()));
        }
        String name = templateName(ctx);
        try {
            Map<String, Object> merged = new HashMap<>(store.current());
            merged.putAll(r.properties());
            Settings s = ConfigValues.settings(merged);
            PveClient pve = Connection.open(s);
            checkToken(pve, s);
            store.merge(r.properties());
            TemplateSetup.run(ctx, pve, s, name);
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw new StepException("cannot use the token key file, the CA file or the configuration: " + e.getMessage());
        } catch (PveException e) {
            throw new StepException(Errors.of("Proxmox VE", e).getMessage());
        } catch (ProvisionerException e) {
            throw new StepException(e.getMessage());
        }
    }

    /** The cluster has the chosen node, storage and bridge, and the token every privilege. */
    private static void checkToken(PveClient pve, Settings s) throws PveException, StepException {
        ClusterChoices c = ClusterChoices.read(pve, s);
        String unknown = c.unknown(s);
        if (unknown != null) {
            throw new StepException(unknown);
        }
        if (!c.missing().isEmpty()) {
            throw new StepException("the API token lacks privileges: " + c.missingText());
        }
    }

    private static String templateName(FinalizationContext ctx) throws StepException {
        String name = ctx.answer(TEMPLATE).orElse(DEFAULT_TEMPLATE);
        return template(name).orElseThrow(() -> new StepException("template name must be like debian-12")).name();
    }

    private static Optional<TemplateSpec> template(String name) {
        try {
            return Optional.of(new TemplateSpec(name, List.of()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
