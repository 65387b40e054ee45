package org.blockhost.installer.internal.network;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The one owner of where the public host goes: core's NFT connection details
 * ({@code org.blockhost.core.pipeline} {@code publicHost}), the web surfaces' host names and TLS
 * certificate names ({@code org.blockhost.web} {@code hosts}), and, when the guest login is
 * configured (chain id and signing page set), the libvirt guests' login host
 * ({@code org.blockhost.provisioner.libvirt} {@code loginHost}).
 */
final class PublicHostConfig {
    static final String CORE = "org.blockhost.core.pipeline";
    static final String WEB = "org.blockhost.web";
    static final String LIBVIRT = "org.blockhost.provisioner.libvirt";
    private final ConfigurationAdmin cm;

    PublicHostConfig(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    /** Whether every configuration already names {@code host}. */
    boolean holds(String host) throws IOException {
        Dictionary<String, Object> libvirt = props(LIBVIRT);
        return host.equals(props(CORE).get("publicHost")) && hosts(props(WEB)).contains(host)
                && (!guestLogin(libvirt) || host.equals(libvirt.get("loginHost")));
    }

    /** Writes {@code host} into every configuration (unchanged ones are not touched). */
    void write(String host) throws IOException {
        update(CORE, d -> d.put("publicHost", host));
        update(WEB, d -> {
            Set<String> hosts = hosts(d);
            hosts.add(host);
            d.put("hosts", hosts.toArray(String[]::new));
        });
        Dictionary<String, Object> libvirt = props(LIBVIRT);
        if (guestLogin(libvirt)) {
            update(LIBVIRT, d -> d.put("loginHost", host));
        }
    }

    private static boolean guestLogin(Dictionary<String, Object> d) {
        Object chain = d.get("loginChainId");
        Object url = d.get("signingUrl");
        return chain != null && !"0".equals(chain.toString()) && url != null && !url.toString().isBlank();
    }

    private static Set<String> hosts(Dictionary<String, Object> d) {
        Object v = d.get("hosts");
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof String[] a) {
            out.addAll(Arrays.asList(a));
        } else if (v instanceof java.util.Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null && !v.toString().isBlank()) {
            out.add(v.toString());
        }
        return out;
    }

    private Dictionary<String, Object> props(String pid) throws IOException {
        Dictionary<String, Object> d = cm.getConfiguration(pid, "?").getProperties();
        return d == null ? new Hashtable<>() : d;
    }

    private void update(String pid, java.util.function.Consumer<Dictionary<String, Object>> change) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        change.accept(d);
        c.updateIfDifferent(d);
    }
}
