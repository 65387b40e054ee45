package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Templates as PVE records them: a QEMU guest marked {@code template} whose name is the template's
 * name; the image's SHA-256 is recorded in its description ({@code sha256=<hex>}).
 */
public final class Templates {
    private static final Pattern SHA = Pattern.compile("sha256=([0-9a-f]{64})");
    private static final Pattern IP = Pattern.compile("(?:^|,)ip=([0-9.]{7,15})/");

    private Templates() {
    }

    /** The recorded template of that name (reused); an error naming what to do when there is none. */
    public static TemplateInfo recorded(ClusterView v, Guests guests, String name) throws ProvisionerException, PveException {
        ClusterView.Guest t = v.guests().stream().filter(g -> g.template() && g.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProvisionerException("no Proxmox template named " + name
                        + ": import the BlockHost image as a template first (see the provisioner's README)", false));
        Matcher m = SHA.matcher(guests.config(new Guests.Located(t.vmid(), t.node())).path("description").asText(""));
        return new TemplateInfo(name, m.find() ? m.group(1) : "", true);
    }

    /** The static IPv4 address of {@code ipconfig0}, or empty (DHCP). */
    public static String address(JsonNode config) {
        Matcher m = IP.matcher(config.path("ipconfig0").asText(""));
        return m.find() ? m.group(1) : "";
    }
}
