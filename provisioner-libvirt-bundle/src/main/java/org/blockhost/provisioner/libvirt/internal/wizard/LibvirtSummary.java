package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.SummarySection;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.provisioner.libvirt.internal.template.TemplateStep;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The provisioner's section of the wizard summary: the settings of the libvirt page (an answer
 * wins over the stored configuration, as in the template step) and the VM template.
 */
@Component(service = SummarySection.class)
@ProvisionerId(LibvirtProvisioner.ID)
public final class LibvirtSummary implements SummarySection {
    private final ConfigWriter config;

    @Activate
    public LibvirtSummary(@Reference ConfigurationAdmin cm) {
        this.config = new ConfigWriter(cm);
    }

    @Override
    public String title() {
        return "Virtual machines (libvirt)";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public List<Entry> entries(Map<String, String> answers) {
        Map<String, Object> current;
        try {
            current = config.current();
        } catch (IOException e) {
            current = Map.of();
        }
        List<Entry> out = new ArrayList<>();
        for (String f : SetupForm.fields()) {
            Object stored = current.get(SetupForm.property(f));
            String value = answers.getOrDefault(f, stored == null ? "" : stored.toString());
            out.add(new Entry(StepPage.LABELS.getOrDefault(f, f), value, SetupForm.VM_DIR.equals(f) ? StorageStepServlet.PATH
                    : LibvirtStepServlet.PATH));
        }
        Object ipv6 = current.get("ipv6Prefix");
        out.add(new Entry("IPv6 for VMs", answers.getOrDefault(Ipv6Answer.KEY, ipv6 == null || ipv6.toString().isEmpty()
                ? Ipv6Answer.NONE : ipv6.toString()), Ipv6StepServlet.PATH));
        Object uplink = current.get("ipv6Uplink");
        out.add(new Entry("IPv6 uplink (neighbour proxy)", answers.getOrDefault(Ipv6Answer.UPLINK_KEY,
                uplink == null || uplink.toString().isEmpty() ? Ipv6Answer.NONE : uplink.toString()), Ipv6StepServlet.PATH));
        out.add(new Entry("VM template", answers.getOrDefault(TemplateStep.TEMPLATE, "debian-12"), LibvirtStepServlet.PATH));
        return out;
    }
}
