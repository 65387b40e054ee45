package org.blockhost.provisioner.proxmox.internal.setup;

import java.util.List;
import java.util.stream.Collectors;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.proxmox.internal.Connection;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.pve.Tasks;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterView;
import org.blockhost.provisioner.proxmox.internal.vm.Guests;
import org.blockhost.provisioner.proxmox.internal.vm.TemplateImport;
import org.blockhost.provisioner.proxmox.internal.vm.Templates;

/**
 * The template part of the finalization step: imports the template to every node in scope that
 * lacks it, publishing the progress ({@code pve1: import 42%}), then publishes the SHA-256 and the
 * recorded template VMIDs ({@code pve1:9000 pve2:9001}).
 */
final class TemplateSetup {
    static final String SHA256 = "proxmox.template.sha256";
    static final String IDS = "proxmox.template.id";
    static final String PROGRESS = "proxmox.template.progress";

    private TemplateSetup() {
    }

    static void run(FinalizationContext ctx, PveClient pve, Settings s, String name) throws ProvisionerException, PveException {
        Tasks tasks = Connection.tasks(pve, s);
        ClusterView v = ClusterView.read(pve);
        List<String> missing = Templates.missingOn(v, s, name);
        if (!missing.isEmpty()) {
            new TemplateImport(s, pve, tasks).run(v, name, missing,
                    (node, phase, pct) -> ctx.publish(PROGRESS, node + ": " + phase + " " + pct + "%"));
            v = ClusterView.read(pve);
        }
        TemplateInfo t = Templates.recorded(v, new Guests(pve, tasks), name)
                .orElseThrow(() -> new ProvisionerException("template " + name + " is on no online node after the import", true));
        ctx.publish(SHA256, t.sha256());
        ctx.publish(IDS, ids(v, name));
        ctx.publish(PROGRESS, "done");
    }

    /** The recorded templates of that name: {@code node:vmid}, space-separated, sorted. */
    static String ids(ClusterView v, String name) {
        return v.guests().stream().filter(g -> g.template() && g.name().equals(name)).map(g -> g.node() + ":" + g.vmid())
                .sorted().collect(Collectors.joining(" "));
    }
}
