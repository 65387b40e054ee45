package org.blockhost.rootagent.internal.action;

import java.nio.file.Path;
import java.time.Duration;

import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.path.Confinement;

/**
 * Everything the actions need to know about the host: BlockHost's directories, the libvirt URI,
 * the group that owns keys, the IPv6 prefix for routes. Immutable.
 *
 * @param hostNetworkDryRun dev mode without root: firewall and route commands are logged, not run
 */
public record AgentConfig(Path keysDir, Path vmDir, Path templateDir, Path stateDir, String group,
        String libvirtUri, IpPrefix ip6Prefix, String nftTable, boolean hostNetworkDryRun,
        Duration commandTimeout) {

    public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";

    /** The dev layout: the same tree under one user-writable directory. */
    public static AgentConfig dev(Path base, String group, String libvirtUri, IpPrefix ip6Prefix) {
        return new AgentConfig(base.resolve("etc/blockhost/keys"), base.resolve("var/lib/blockhost/vms"),
                base.resolve("var/lib/blockhost/templates"), base.resolve("var/lib/blockhost/root-agent"),
                group, libvirtUri, ip6Prefix, "blockhost", true, Duration.ofSeconds(120));
    }

    public AgentConfig withHostNetworkDryRun(boolean dryRun) {
        return new AgentConfig(keysDir, vmDir, templateDir, stateDir, group, libvirtUri, ip6Prefix, nftTable,
                dryRun, commandTimeout);
    }

    public Path root(Confinement.Root root) {
        return switch (root) {
            case KEYS -> keysDir;
            case VMS -> vmDir;
            case TEMPLATES -> templateDir;
        };
    }
}
