package org.blockhost.provisioner.libvirt.internal.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SetupFormTest {
    @Test
    void validValuesBecomeTypedProperties() {
        SetupForm.Result r = SetupForm.validate(Map.of(SetupForm.URI, "qemu:///system", SetupForm.VM_DIR, "/srv/vms",
                SetupForm.NET_TYPE, "bridge", SetupForm.NETWORK, "br0", SetupForm.POOL, " 198.51.100.0/24 ",
                SetupForm.GRACE, "14")::get);
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(Map.of("uri", "qemu:///system", "vmDir", "/srv/vms", "netType", "bridge", "network", "br0",
                "ipv4Pool", "198.51.100.0/24", "gracePeriodDays", 14), r.properties());
        assertEquals(Map.of("ipv4Pool", ""), SetupForm.validate(Map.of(SetupForm.POOL, "none")::get).properties());
    }

    @Test
    void networkModeIsChosenOnThePage() {
        SetupForm.Result r = SetupForm.validate(Map.of(SetupForm.MODE, "forward", SetupForm.POOL, "192.168.122.0/24")::get);
        assertEquals(Map.of("networkMode", "forward", "ipv4Pool", "192.168.122.0/24"), r.properties());
        SetupForm.Result bad = SetupForm.validate(Map.of(SetupForm.MODE, "nat<b>")::get);
        assertEquals(Map.of(SetupForm.MODE, "network mode must be forward (single public address), pool or dhcp"),
                bad.errors());
        assertEquals(Map.of("ipv4Range", "192.0.2.10-192.0.2.20", "ipv4Gateway", "192.0.2.1", "ipv4Dns", "9.9.9.9,1.1.1.1"),
                SetupForm.validate(Map.of(SetupForm.RANGE, "192.0.2.10-192.0.2.20", SetupForm.GATEWAY, "192.0.2.1",
                        SetupForm.DNS, "9.9.9.9,1.1.1.1")::get).properties());
        assertEquals(java.util.Set.of(SetupForm.RANGE, SetupForm.GATEWAY, SetupForm.DNS), SetupForm.validate(Map.of(
                SetupForm.RANGE, "192.0.2.10", SetupForm.GATEWAY, "gw", SetupForm.DNS, "1.1.1.1;2.2.2.2")::get).errors().keySet());
        assertTrue(StepPage.render(Map.of("networkMode", "forward"), Map.of(), false, "t", java.util.Optional.empty())
                .contains("name='libvirt.network_mode' value='forward'"));
    }

    @Test
    void invalidValuesGetFixedMessagesWithoutEcho() {
        String evil = "<script>alert(1)</script>";
        Map<String, String> in = Map.of(SetupForm.URI, "qemu:///system?x=" + evil, SetupForm.VM_DIR, "/srv/../etc",
                SetupForm.NET_TYPE, "macvtap", SetupForm.NETWORK, "br0 " + evil, SetupForm.POOL, "192.0.2.1/24",
                SetupForm.GRACE, "9999");
        SetupForm.Result r = SetupForm.validate(in::get);
        assertFalse(r.ok());
        assertEquals(in.keySet(), r.errors().keySet());
        r.errors().values().forEach(m -> assertFalse(m.contains("script") || m.contains("9999") || m.contains("etc"), m));
        assertTrue(r.properties().isEmpty());
    }

    @Test
    void stepPageEscapesConfiguredValues() {
        String html = StepPage.render(Map.of("network", "'><img src=x>"), Map.of(), true, "t", java.util.Optional.of("<br0>"));
        assertFalse(html.contains("<br0>"), "the bridge name escaped too");
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("&#39;&gt;&lt;img src=x&gt;"));
        assertTrue(html.contains("Saved."));
    }

    @Test
    void configWriterMerges() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        cm.props.put("uri", "test:///default");
        ConfigWriter w = new ConfigWriter(cm.admin());
        w.merge(Map.of("network", "br0"));
        assertEquals(Map.of("uri", "test:///default", "network", "br0"), w.current());
    }
}
