package org.blockhost.installer.internal.network;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The one owner of where the public host goes: core's NFT connection details
 * ({@code org.blockhost.core.pipeline} {@code publicHost}), the web surfaces' host names and TLS
 * certificate names ({@code org.blockhost.web} {@code hosts}), and the libvirt guests' wallet login
 * ({@code org.blockhost.provisioner.libvirt} {@code loginHost}, {@code loginChainId},
 * {@code signingUrl}): all three from a {@link GuestLogin} when the engine and the HTTPS endpoint
 * are known, else only the host, and only when the login is already configured.
 */
final class PublicHostConfig {
    static final String CORE = "org.blockhost.core.pipeline";
    static final String WEB = "org.blockhost.web";
    static final String LIBVIRT = "org.blockhost.provisioner.libvirt";
    private final ConfigurationAdmin cm;

    PublicHostConfig(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    /** The pam_web3 settings of the guests: the chain id sign-in messages name and the signing page. */
    record GuestLogin(long chainId, String signingUrl) {
        /** The signing page {@code /sign} on {@code host} at the HTTPS port of {@code httpsUrl}. */
        static GuestLogin of(long chainId, String host, String httpsUrl) {
            int port = java.net.URI.create(httpsUrl).getPort();
            return new GuestLogin(chainId, "https://" + host + (port < 0 || port == 443 ? "" : ":" + port) + "/sign");
        }
    }

    /** Whether every configuration already names {@code host} (and {@code login}'s settings). */
    boolean holds(String host, Optional<GuestLogin> login) throws IOException {
        Dictionary<String, Object> libvirt = props(LIBVIRT);
        boolean guests = login.isPresent()
                ? host.equals(libvirt.get("loginHost")) && String.valueOf(login.get().chainId()).equals(String.valueOf(libvirt.get("loginChainId")))
                        && login.get().signingUrl().equals(libvirt.get("signingUrl"))
                : !guestLogin(libvirt) || host.equals(libvirt.get("loginHost"));
        return host.equals(props(CORE).get("publicHost")) && hosts(props(WEB)).contains(host) && guests;
    }

    /** Writes {@code host} (and {@code login}) into every configuration (unchanged ones are not touched). */
    void write(String host, Optional<GuestLogin> login) throws IOException {
        update(CORE, d -> d.put("publicHost", host));
        update(WEB, d -> {
            Set<String> hosts = hosts(d);
            hosts.add(host);
            d.put("hosts", hosts.toArray(String[]::new));
        });
        if (login.isPresent()) {
            update(LIBVIRT, d -> {
                d.put("loginHost", host);
                d.put("loginChainId", login.get().chainId());
                d.put("signingUrl", login.get().signingUrl());
            });
        } else if (guestLogin(props(LIBVIRT))) {
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
