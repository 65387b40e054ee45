package org.blockhost.rootagent.internal.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.path.Confinement;
import org.blockhost.rootagent.internal.path.SafeDirs;

/**
 * Everything the actions need to know about the host: BlockHost's directories, the libvirt URI,
 * the group that owns keys, the IPv6 prefix for routes. Immutable.
 *
 * @param hostNetworkDryRun dev mode without root: firewall and route commands are logged, not run
 * @param rootOwnedDirs the daemon: confinement roots, their ancestors and sub-directories must be
 *        root-owned and not group/other-writable (symlinks are refused in every mode)
 * @param issueDir where {@code console-issue} writes {@code blockhost.issue} (agetty's
 *        {@code /etc/issue.d} in production)
 */
public record AgentConfig(Path keysDir, Path vmDir, Path templateDir, Path stateDir, String group,
        String libvirtUri, IpPrefix ip6Prefix, String nftTable, boolean hostNetworkDryRun,
        Duration commandTimeout, boolean rootOwnedDirs, Path issueDir) {

    public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";
    public static final String DEFAULT_ISSUE_DIR = "/etc/issue.d";

    /** Without an issue directory of its own: {@code <stateDir>/issue.d} (never the system's). */
    public AgentConfig(Path keysDir, Path vmDir, Path templateDir, Path stateDir, String group, String libvirtUri,
            IpPrefix ip6Prefix, String nftTable, boolean hostNetworkDryRun, Duration commandTimeout,
            boolean rootOwnedDirs) {
        this(keysDir, vmDir, templateDir, stateDir, group, libvirtUri, ip6Prefix, nftTable, hostNetworkDryRun,
                commandTimeout, rootOwnedDirs, stateDir.resolve("issue.d"));
    }

    /** A configuration without the ownership rule (dev mode, in-process agent, tests). */
    public AgentConfig(Path keysDir, Path vmDir, Path templateDir, Path stateDir, String group, String libvirtUri,
            IpPrefix ip6Prefix, String nftTable, boolean hostNetworkDryRun, Duration commandTimeout) {
        this(keysDir, vmDir, templateDir, stateDir, group, libvirtUri, ip6Prefix, nftTable, hostNetworkDryRun,
                commandTimeout, false);
    }

    /** The dev layout: the same tree under one user-writable directory. */
    public static AgentConfig dev(Path base, String group, String libvirtUri, IpPrefix ip6Prefix) {
        return new AgentConfig(base.resolve("etc/blockhost/keys"), base.resolve("var/lib/blockhost/vms"),
                base.resolve("var/lib/blockhost/templates"), base.resolve("var/lib/blockhost/root-agent"),
                group, libvirtUri, ip6Prefix, "blockhost", true, Duration.ofSeconds(120), false,
                base.resolve("etc/issue.d"));
    }

    public AgentConfig withHostNetworkDryRun(boolean dryRun) {
        return new AgentConfig(keysDir, vmDir, templateDir, stateDir, group, libvirtUri, ip6Prefix, nftTable,
                dryRun, commandTimeout, rootOwnedDirs, issueDir);
    }

    public Path root(Confinement.Root root) {
        return switch (root) {
            case KEYS -> keysDir;
            case VMS -> vmDir;
            case TEMPLATES -> templateDir;
        };
    }

    public Confinement confinement(Confinement.Root root) {
        return new Confinement(root(root), rootOwnedDirs);
    }

    /**
     * Checks every confinement root and its ancestors (see {@link SafeDirs}); a root that does not
     * exist yet is fine when {@code allowMissing} and its nearest existing ancestor passes.
     */
    public void checkRoots(boolean allowMissing) throws IOException {
        for (Confinement.Root r : Confinement.Root.values()) {
            Path p = root(r).toAbsolutePath().normalize();
            Path existing = p;
            while (allowMissing && existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            try {
                SafeDirs.open(existing, p.getNameCount(), rootOwnedDirs).close();
            } catch (IOException e) {
                throw new IOException("the " + r.label() + " directory is not safe: " + e.getMessage());
            }
        }
    }
}
