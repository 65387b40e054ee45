package org.blockhost.provisioner.proxmox.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.blockhost.provisioner.proxmox.internal.pve.ApiToken;

/**
 * Validated settings. Invalid values fail with a message naming the field, never the value.
 *
 * @param taskPoll longest pause between two task status polls
 */
public record Settings(URI apiUrl, String tokenId, Path tokenSecretFile, Optional<Path> caFile,
        Optional<String> fingerprint, List<String> nodes, String pool, String bridge, String storage,
        boolean sharedTemplate, int vmidBase, String guestUser, String disk, Optional<String> ipv4Gateway,
        int ipv4PrefixLength, String nameserver, double cpuOvercommit, double memoryOvercommit,
        double diskOvercommit, int nodeReservedMemoryMib, Duration taskTimeout, Duration taskPoll,
        int requestTimeoutMs, Optional<PamSettings> login, String importStorage, Path templateImageDir) {
    public static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final Pattern BRIDGE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{1,9}");
    public static final Pattern STORAGE = Pattern.compile("[a-z][a-z0-9._-]*[a-z0-9]");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
    private static final Pattern DISK = Pattern.compile("(scsi|virtio|sata|ide)[0-9]{1,2}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DNS = Pattern.compile("[0-9a-fA-F.:]{2,45}( [0-9a-fA-F.:]{2,45}){0,2}");

    public Settings {
        check(apiUrl != null && "https".equals(apiUrl.getScheme()) && apiUrl.getHost() != null, "apiUrl");
        check(tokenId != null && ApiToken.ID.matcher(tokenId).matches(), "tokenId");
        check(caFile.isPresent() != fingerprint.isPresent(), "caFile/fingerprint (exactly one)");
        nodes = List.copyOf(nodes);
        nodes.forEach(n -> check(NODE.matcher(n).matches(), "nodes"));
        check(POOL.matcher(pool).matches(), "pool");
        check(BRIDGE.matcher(bridge).matches(), "bridge");
        check(STORAGE.matcher(storage).matches(), "storage");
        check(vmidBase >= 100 && vmidBase <= 900_000_000, "vmidBase");
        check(USER.matcher(guestUser).matches() && !guestUser.equals("root"), "guestUser");
        check(DISK.matcher(disk).matches(), "disk");
        check(ipv4Gateway.map(g -> IPV4.matcher(g).matches()).orElse(true), "ipv4Gateway");
        check(ipv4PrefixLength >= 8 && ipv4PrefixLength <= 30, "ipv4PrefixLength");
        check(nameserver.isEmpty() || DNS.matcher(nameserver).matches(), "nameserver");
        check(ratio(cpuOvercommit) && ratio(memoryOvercommit) && ratio(diskOvercommit), "overcommit (0.1-64)");
        check(nodeReservedMemoryMib >= 0, "nodeReservedMemoryMib");
        check(STORAGE.matcher(importStorage).matches(), "importStorage");
    }

    public static Settings from(ProxmoxConfig c) {
        return new Settings(uri(c.apiUrl()), c.tokenId().strip(), Path.of(c.tokenSecretFile()),
                opt(c.caFile()).map(Path::of), opt(c.fingerprint()), List.of(c.nodes()), c.pool(), c.bridge(),
                c.storage(), c.sharedTemplate(), c.vmidBase(), c.guestUser(), c.disk(), opt(c.ipv4Gateway()),
                c.ipv4PrefixLength(), c.nameserver().strip(), c.cpuOvercommit(), c.memoryOvercommit(),
                c.diskOvercommit(), c.nodeReservedMemoryMib(), Duration.ofSeconds(c.taskTimeoutSeconds()),
                Duration.ofSeconds(2), c.requestTimeoutSeconds() * 1000,
                PamSettings.of(c.loginHost().strip(), c.loginChainId(), c.signingUrl().strip()), c.importStorage(),
                Path.of(c.templateImageDir()));
    }

    private static URI uri(String s) {
        try {
            return new URI(s.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("invalid Proxmox provisioner setting: apiUrl");
        }
    }

    public static boolean validIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    private static Optional<String> opt(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static boolean ratio(double r) {
        return r >= 0.1 && r <= 64;
    }

    private static void check(boolean ok, String field) {
        if (!ok) {
            throw new IllegalArgumentException("invalid Proxmox provisioner setting: " + field);
        }
    }
}
