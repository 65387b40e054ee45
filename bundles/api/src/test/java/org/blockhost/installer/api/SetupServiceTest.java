package org.blockhost.installer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A setup problem as a page shows it at its own field: without the internal field name, nothing else changed. */
class SetupServiceTest {
    @Test
    void theFieldNameGoesTheRestStays() {
        assertEquals("must be an absolute path", SetupService.withoutField("field 'libvirt.storageDir' must be an absolute path"));
        assertEquals("template name must be like debian-12",
                SetupService.withoutField("field 'proxmox.template': template name must be like debian-12"));
        assertEquals("Finalization is running the step \u201cBuild the VM template\u201d.",
                SetupService.withoutField("field 'libvirt.storageDir':   Finalization is running the step \u201cBuild the VM template\u201d."));
        assertEquals("", SetupService.withoutField("field 'network.publicHost'"));
    }

    @Test
    void aMessageThatDoesNotStartWithAFieldIsUnchanged() {
        assertEquals("Enter a host name.", SetupService.withoutField("Enter a host name."));
        assertEquals("the field 'x' must be set", SetupService.withoutField("the field 'x' must be set"));
        assertEquals("field x: no quotes", SetupService.withoutField("field x: no quotes"));
    }
}
