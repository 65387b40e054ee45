package org.blockhost.installer.internal.web;

import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.SummarySection;
import org.blockhost.installer.internal.network.PublicHost;
import org.osgi.service.component.annotations.Component;

/** The summary's Network section: the public host. */
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
        return List.of(new Entry("Public host name or address", answers.getOrDefault(PublicHost.KEY, ""), NetworkServlet.PATH));
    }
}
