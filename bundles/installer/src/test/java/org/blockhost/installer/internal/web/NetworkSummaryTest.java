package org.blockhost.installer.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.SummarySection;
import org.blockhost.installer.api.WizardAnswers;
import org.junit.jupiter.api.Test;

class NetworkSummaryTest {
    private final NetworkSummary summary = new NetworkSummary();

    @Test
    void showsTheVmBridgeWithALinkToItsPage() {
        List<SummarySection.Entry> entries = summary.entries(Map.of(WizardAnswers.VM_BRIDGE, "br0"));
        SummarySection.Entry bridge = entries.get(1);
        assertEquals("Bridge for the VMs", bridge.label());
        assertEquals("br0", bridge.value());
        assertEquals("/network/bridge", bridge.editPath());
    }

    @Test
    void saysWhenNoBridgeWasAskedFor() {
        assertEquals("none (the VMs use the network chosen on the VM page)", summary.entries(Map.of()).get(1).value());
    }
}
