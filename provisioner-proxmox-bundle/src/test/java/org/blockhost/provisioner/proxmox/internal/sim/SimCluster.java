package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small simulated PVE cluster behind {@link PveTestServer}: nodes, storages, QEMU guests and
 * worker tasks, with PVE's rules where the provisioner depends on them (locks, running VMs cannot
 * be deleted, hibernation, linked clones only on the template's node unless storage is shared).
 */
public final class SimCluster {
    static final JsonNodeFactory J = JsonNodeFactory.instance;
    static final long MIB = 1024L * 1024;
    static final long GIB = MIB * 1024;

    /** A node: online, CPUs, memory in MiB. */
    public static final class Node {
        public boolean online = true;
        final int cpus;
        final long memoryMib;

        Node(int cpus, long memoryMib) {
            this.cpus = cpus;
            this.memoryMib = memoryMib;
        }
    }

    record Storage(String node, String id, boolean shared, long sizeGib) { }

    /** A worker task; it answers "running" for {@link #runningPolls} polls, then its exit status. */
    static final class Task {
        final String upid;
        final String node;
        final String type;
        final String exit;
        final List<String> log;
        int polls;

        Task(String upid, String node, String type, String exit, List<String> log) {
            this.upid = upid;
            this.node = node;
            this.type = type;
            this.exit = exit;
            this.log = log;
        }
    }

    final Map<String, Node> nodes = new TreeMap<>();
    final List<Storage> storages = new ArrayList<>();
    final Map<Integer, SimVm> vms = new TreeMap<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final Map<String, List<String>> failTasks = new LinkedHashMap<>();
    final Map<Long, ObjectNode> execs = new LinkedHashMap<>();
    /** Uploaded import files per node: file name → SHA-256. */
    final Map<String, Map<String, String>> imports = new TreeMap<>();
    final AtomicInteger pids = new AtomicInteger(4000);
    public boolean sharedStorage;
    /** Privileges the token does not have: {@code "<path> <privilege>"}. */
    public final java.util.Set<String> withheld = new java.util.HashSet<>();
    public int runningPolls = 1;

    public Node node(String name, int cpus, long memoryMib, long storageGib) {
        Node n = new Node(cpus, memoryMib);
        nodes.put(name, n);
        storages.add(new Storage(name, "local-lvm", sharedStorage, storageGib));
        storages.add(new Storage(name, "local", false, 100));
        return n;
    }

    /** A template (stopped, marked template) as an import would leave it. */
    public void template(String node, int vmid, String name, String sha256) {
        SimVm t = new SimVm(vmid, node, name);
        t.template = true;
        t.config.put("template", 1);
        t.config.put("cores", 1L);
        t.config.put("memory", "512");
        t.config.put("scsi0", "local-lvm:base-" + vmid + "-disk-0,size=2G");
        t.config.put("ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");
        t.config.put("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0");
        t.config.put("agent", "1");
        t.config.put("description", "BlockHost template sha256=" + sha256);
        vms.put(vmid, t);
    }

    /** The next task of this type fails with this exit status and log. */
    public void failNextTask(String type, String exit, List<String> log) {
        List<String> l = new ArrayList<>();
        l.add(exit);
        l.addAll(log);
        failTasks.put(type, l);
    }

    public void online(String node, boolean online) {
        nodes.get(node).online = online;
    }

    /** The SHA-256 of every file uploaded for import to the node. */
    public Map<String, String> imports(String node) {
        return Map.copyOf(imports.getOrDefault(node, Map.of()));
    }

    public SimVm vm(int vmid) {
        return vms.get(vmid);
    }

    /** Records a finished task and answers its UPID. */
    String task(String node, String type, String id, String user, String error) {
        List<String> fail = failTasks.remove(type);
        String exit = fail != null ? fail.get(0) : error == null ? "OK" : error;
        List<String> log = new ArrayList<>(List.of("starting " + type + " " + id));
        if (fail != null) {
            log.addAll(fail.subList(1, fail.size()));
        } else if (error != null) {
            log.add(error);
        }
        log.add("TASK " + (exit.equals("OK") ? "OK" : "ERROR: " + exit));
        String upid = String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pids.incrementAndGet(), 0x1234567,
                (int) (System.currentTimeMillis() / 1000), type, id, user);
        tasks.put(upid, new Task(upid, node, type, exit, log));
        return upid;
    }

    JsonNode resources() {
        ArrayNode out = J.arrayNode();
        nodes.forEach((name, n) -> out.add(J.objectNode().put("id", "node/" + name).put("type", "node").put("node", name)
                .put("status", n.online ? "online" : "offline").put("maxcpu", n.cpus).put("maxmem", n.memoryMib * MIB)
                .put("mem", 0).put("cpu", 0.02)));
        for (Storage s : storages) {
            out.add(J.objectNode().put("id", "storage/" + s.node() + "/" + s.id()).put("type", "storage")
                    .put("node", s.node()).put("storage", s.id()).put("shared", s.shared() ? 1 : 0)
                    .put("maxdisk", s.sizeGib() * GIB).put("disk", 0).put("status", "available"));
        }
        for (SimVm v : vms.values()) {
            boolean up = nodes.get(v.node).online;
            ObjectNode o = J.objectNode().put("id", "qemu/" + v.vmid).put("type", "qemu").put("vmid", v.vmid)
                    .put("node", v.node).put("name", v.name()).put("status", up ? v.status : "unknown")
                    .put("template", v.template ? 1 : 0).put("maxcpu", v.cores()).put("maxmem", v.memoryMib() * MIB)
                    .put("maxdisk", v.diskGib() * GIB);
            if (!v.lock.isEmpty()) {
                o.put("lock", v.lock);
            }
            if (!v.pool.isEmpty()) {
                o.put("pool", v.pool);
            }
            out.add(o);
        }
        return out;
    }
}
