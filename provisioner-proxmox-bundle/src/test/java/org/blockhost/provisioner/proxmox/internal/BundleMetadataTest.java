package org.blockhost.provisioner.proxmox.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** What bnd generated: imports only, the component with the provisioner id, required configuration, metatype. */
class BundleMetadataTest {
    static final Path CLASSES = Path.of("target/classes");

    @Test
    void manifestImportsJacksonAndTheApiAndExportsNothing() throws Exception {
        Manifest m;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            m = new Manifest(in);
        }
        var a = m.getMainAttributes();
        String imports = a.getValue("Import-Package");
        assertTrue(imports.contains("com.fasterxml.jackson.databind") && imports.contains("org.blockhost.provisioner.api"), imports);
        assertFalse(imports.contains("com.sun.net.httpserver"), "the test server stays in the tests: " + imports);
        assertNull(a.getValue("Export-Package"));
        assertTrue(imports.matches(".*org\\.apache\\.felix\\.service\\.command;version=\"[^\"]*\";resolution:=optional.*"), "Gogo is optional: " + imports);
    }

    @Test
    void theWizardPageAndTheFinalizationStepCarryTheId() throws Exception {
        String page = Files.readString(CLASSES.resolve("OSGI-INF/org.blockhost.provisioner.proxmox.internal.wizard.ProxmoxStepServlet.xml"));
        assertTrue(page.contains("name=\"org.blockhost.wizard.step.id\" type=\"String\" value=\"proxmox\"")
                && page.contains(">/proxmox<") && page.contains("blockhost.installer")
                && page.contains("name=\"org.blockhost.provisioner.id\" type=\"String\" value=\"proxmox\""), page);
        String step = Files.readString(CLASSES.resolve("OSGI-INF/org.blockhost.provisioner.proxmox.internal.setup.ProxmoxSetupStep.xml"));
        assertTrue(step.contains("name=\"org.blockhost.provisioner.id\" type=\"String\" value=\"proxmox\""), step);
    }

    @Test
    void theComponentNeedsItsConfigurationAndCarriesTheId() throws Exception {
        String xml = Files.readString(CLASSES.resolve("OSGI-INF/org.blockhost.provisioner.proxmox.internal.ProxmoxProvisioner.xml"));
        assertTrue(xml.contains("name=\"org.blockhost.provisioner.id\" type=\"String\" value=\"proxmox\""), xml);
        assertTrue(xml.contains("configuration-policy=\"require\""), xml);
        String cmd = Files.readString(CLASSES.resolve("OSGI-INF/org.blockhost.provisioner.proxmox.internal.shell.ProxmoxCommand.xml"));
        assertTrue(cmd.contains("osgi.command.function") && cmd.contains("proxmox check=read"), cmd);
        String meta = Files.readString(CLASSES.resolve("OSGI-INF/metatype/org.blockhost.provisioner.proxmox.xml"));
        assertTrue(meta.contains("tokenSecretFile") && meta.contains("fingerprint") && meta.contains("vmidBase"), meta);
    }
}
