package org.blockhost.provisioner.proxmox.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;

/** A loopback PVE double with two nodes (pve1, pve2) and a template on each, and settings pointing at it. */
public final class SimHarness implements AutoCloseable {
    public static final String SHA = "ab".repeat(32);
    public static final int BASE = 100000;
    public final PveTestServer server;
    public final Path dir;
    public final Path keyFile;
    public final Path caFile;

    public SimHarness(Path dir) throws Exception {
        this.dir = dir;
        this.server = new PveTestServer();
        server.cluster.node("pve1", 8, 16384, 500);
        server.cluster.node("pve2", 8, 16384, 500);
        server.cluster.template("pve1", 9000, "debian-12", SHA);
        server.cluster.template("pve2", 9001, "debian-12", SHA);
        this.keyFile = Files.writeString(dir.resolve("proxmox-token.key"), PveTestServer.SECRET + "\n");
        this.caFile = server.pki.writeCa(dir.resolve("pve-root-ca.pem"));
    }

    public Settings settings() {
        return settings(List.of(), Optional.empty());
    }

    public Settings settings(List<String> nodes, Optional<String> gateway) {
        return settings(nodes, gateway, Optional.empty());
    }

    public Settings settings(List<String> nodes, Optional<String> gateway, Optional<PamSettings> login) {
        return new Settings(URI.create(server.url()), PveTestServer.TOKEN_ID, keyFile, Optional.of(caFile),
                Optional.empty(), nodes, "blockhost", "vmbr0", "local-lvm", false, BASE, "user", "scsi0",
                gateway, 24, "", 4.0, 1.0, 1.0, 1024, Duration.ofSeconds(20), Duration.ofMillis(20), 5000, login, "local",
                dir.resolve("templates"));
    }

    public static VmSpec spec(String name, PlanResources r) {
        return new VmSpec(name, "0x52908400098527886E0F7030069857D2E4169EE7", r, "debian-12", "user", name,
                NetworkAllocation.dynamic());
    }

    @Override
    public void close() {
        server.close();
    }
}
