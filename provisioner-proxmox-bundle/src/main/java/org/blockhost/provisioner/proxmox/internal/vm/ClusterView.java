package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/** One read of {@code GET /cluster/resources}: nodes, storages and QEMU guests of the whole cluster. */
public record ClusterView(List<Node> nodes, List<Storage> storages, List<Guest> guests) {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = MIB * 1024;

    /** A node: {@code online} is PVE's status; CPUs and memory in MiB. */
    public record Node(String name, boolean online, int cpus, long memoryMib) { }

    /** A storage as one node sees it; size in GiB. */
    public record Storage(String node, String id, boolean shared, long sizeGib) { }

    /**
     * A QEMU guest (VM or template).
     *
     * @param status PVE's status: {@code running}, {@code stopped}, or {@code unknown} on a node that is down
     */
    public record Guest(int vmid, String name, String node, String status, String lock, boolean template,
            int cpus, long memoryMib, long diskGib) { }

    public static ClusterView read(PveClient pve) throws PveException {
        List<Node> nodes = new ArrayList<>();
        List<Storage> storages = new ArrayList<>();
        List<Guest> guests = new ArrayList<>();
        for (JsonNode r : pve.get("/cluster/resources", Params.of())) {
            switch (r.path("type").asText()) {
                case "node" -> nodes.add(new Node(r.path("node").asText(), "online".equals(r.path("status").asText()),
                        (int) r.path("maxcpu").asDouble(), r.path("maxmem").asLong() / MIB));
                case "storage" -> storages.add(new Storage(r.path("node").asText(), r.path("storage").asText(),
                        r.path("shared").asInt() == 1 || r.path("shared").asBoolean(), r.path("maxdisk").asLong() / GIB));
                case "qemu" -> guests.add(new Guest(r.path("vmid").asInt(), r.path("name").asText(""),
                        r.path("node").asText(), r.path("status").asText("unknown"), r.path("lock").asText(""),
                        r.path("template").asInt() == 1 || r.path("template").asBoolean(),
                        (int) r.path("maxcpu").asDouble(), r.path("maxmem").asLong() / MIB,
                        (r.path("maxdisk").asLong() + GIB - 1) / GIB));
                default -> { }
            }
        }
        return new ClusterView(List.copyOf(nodes), List.copyOf(storages), List.copyOf(guests));
    }

    public Optional<Guest> guest(int vmid) {
        return guests.stream().filter(g -> g.vmid() == vmid).findFirst();
    }

    /** The templates of that name, the ones on {@code node} first. */
    public List<Guest> templates(String name, String node) {
        List<Guest> out = new ArrayList<>();
        guests.stream().filter(g -> g.template() && g.name().equals(name) && g.node().equals(node)).forEach(out::add);
        guests.stream().filter(g -> g.template() && g.name().equals(name) && !g.node().equals(node)).forEach(out::add);
        return out;
    }

    public Optional<Storage> storage(String node, String id) {
        return storages.stream().filter(s -> s.node().equals(node) && s.id().equals(id)).findFirst();
    }
}
