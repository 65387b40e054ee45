package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.proxmox.internal.Settings;
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

    /** The recorded template of that name (reused), if there is one. */
    public static java.util.Optional<TemplateInfo> recorded(ClusterView v, Guests guests, String name) throws PveException {
        java.util.Optional<ClusterView.Guest> t = v.guests().stream().filter(g -> g.template() && g.name().equals(name)).findFirst();
        if (t.isEmpty()) {
            return java.util.Optional.empty();
        }
        Matcher m = SHA.matcher(guests.config(new Guests.Located(t.get().vmid(), t.get().node())).path("description").asText(""));
        return java.util.Optional.of(new TemplateInfo(name, m.find() ? m.group(1) : "", true));
    }

    /** The online nodes in scope that need the template imported (with a shared template: one, if none has it). */
    public static java.util.List<String> missingOn(ClusterView v, Settings s, String name) {
        java.util.List<String> scope = v.nodes().stream().filter(ClusterView.Node::online)
                .map(ClusterView.Node::name).filter(n -> s.nodes().isEmpty() || s.nodes().contains(n)).sorted().toList();
        boolean any = v.guests().stream().anyMatch(g -> g.template() && g.name().equals(name));
        if (s.sharedTemplate()) {
            return any || scope.isEmpty() ? java.util.List.of() : java.util.List.of(scope.get(0));
        }
        return scope.stream().filter(n -> v.templates(name, n).stream().noneMatch(t -> t.node().equals(n))).toList();
    }

    /** The static IPv4 address of {@code ipconfig0}, or empty (DHCP). */
    public static String address(JsonNode config) {
        Matcher m = IP.matcher(config.path("ipconfig0").asText(""));
        return m.find() ? m.group(1) : "";
    }
}
