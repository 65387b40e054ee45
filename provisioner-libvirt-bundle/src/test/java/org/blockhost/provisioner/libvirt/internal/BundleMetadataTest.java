package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** What bnd generated for the bundle (process-classes runs before the tests). */
class BundleMetadataTest {
    static final Path CLASSES = Path.of("target/classes");

    @Test
    void manifestEmbedsLibvirtImportsJnaExportsNothing() throws Exception {
        Manifest m;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            m = new Manifest(in);
        }
        var a = m.getMainAttributes();
        assertEquals("org.blockhost.provisioner.libvirt", a.getValue("Bundle-SymbolicName"));
        String imports = a.getValue("Import-Package");
        assertTrue(imports.contains("com.sun.jna;"), imports);
        assertTrue(imports.contains("org.blockhost.rootagent.api;"), imports);
        assertFalse(imports.contains("org.libvirt"), "libvirt-java is embedded: " + imports);
        assertNull(a.getValue("Export-Package"));
        assertTrue(Files.exists(CLASSES.resolve("org/libvirt/Connect.class")));
    }

    @Test
    void componentsCarryTheProvisionerIdAndMetatypeExists() throws Exception {
        for (String c : new String[] {"LibvirtProvisioner", "template.TemplateStep", "wizard.LibvirtStepServlet"}) {
            String xml = Files.readString(CLASSES.resolve("OSGI-INF/org.blockhost.provisioner.libvirt.internal." + c + ".xml"));
            assertTrue(xml.contains("name=\"org.blockhost.provisioner.id\" type=\"String\" value=\"libvirt\""), c);
        }
        String servlet = Files.readString(CLASSES.resolve(
                "OSGI-INF/org.blockhost.provisioner.libvirt.internal.wizard.LibvirtStepServlet.xml"));
        assertTrue(servlet.contains("org.blockhost.wizard.step.id") && servlet.contains("/libvirt"), servlet);
        String meta = Files.readString(CLASSES.resolve("OSGI-INF/metatype/org.blockhost.provisioner.libvirt.xml"));
        assertTrue(meta.contains("cpuOvercommit") && meta.contains("guestSudo") && meta.contains("ipv4Pool"));
    }
}
