package org.blockhost.installer.internal.web;

import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.SummarySection;
import org.blockhost.installer.internal.network.PublicHost;
import org.blockhost.installer.internal.network.VmBridge;
import org.osgi.service.component.annotations.Component;

/** The summary's Network section: the public host and the bridge the VMs connect to. */
@Component(service = SummarySection.class)
public final class NetworkSummary implements SummarySection {
    @Override
    public String title() {
        return "Network";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<Entry> entries(Map<String, String> answers) {
        String bridge = answers.getOrDefault(VmBridge.KEY, "");
        return List.of(new Entry("Public host name or address", answers.getOrDefault(PublicHost.KEY, ""), NetworkServlet.PATH),
                new Entry("Bridge for the VMs", bridge.isEmpty() ? "none (the VMs use the network chosen on the VM page)" : bridge,
                        BridgeServlet.PATH));
    }
}
