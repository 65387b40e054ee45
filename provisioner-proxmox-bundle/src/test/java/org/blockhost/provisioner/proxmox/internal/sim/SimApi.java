package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The endpoints the provisioner uses, on a {@link SimCluster}; any other valid endpoint answers 501. */
final class SimApi {
    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory J = SimCluster.J;
    private final SimCluster c;

    SimApi(SimCluster c) {
        this.c = c;
    }

    JsonNode handle(String method, ApiSchema.Endpoint ep, Map<String, Object> p, String user, byte[] file) throws SimError {
        String node = (String) p.get("node");
        if (node != null) {
            SimCluster.Node n = c.nodes.get(node);
            if (n == null) {
                throw new SimError(500, "hostname lookup '" + node + "' failed - failed to get address info");
            }
            if (!n.online) {
                throw new SimError(595, "Connection refused");
            }
        }
        String key = method + " " + ep.template();
        switch (key) {
            case "GET /cluster/resources": return c.resources();
            case "GET /nodes/{node}/tasks/{upid}/status": return taskStatus(p);
            case "GET /nodes/{node}/tasks/{upid}/log": return taskLog(p);
            case "GET /cluster/nextid": return J.numberNode(SimImport.nextId(c));
            case "GET /access/permissions": return permissions((String) p.getOrDefault("path", "/"));
            case "POST /nodes/{node}/storage/{storage}/upload": return J.textNode(SimImport.upload(c, p, file, user));
            case "POST /nodes/{node}/qemu": return J.textNode(SimImport.create(c, p, user));
            case "GET /nodes/{node}/network": return bridges(node, (String) p.get("type"));
            default: break;
        }
        if (!p.containsKey("vmid")) {
            throw new SimError(501, "not simulated: " + key);
        }
        SimVm vm = on(node, ((Number) p.get("vmid")).intValue());
        return switch (key) {
            case "POST /nodes/{node}/qemu/{vmid}/clone" -> clone(vm, p, user);
            case "GET /nodes/{node}/qemu/{vmid}/config" -> config(vm);
            case "POST /nodes/{node}/qemu/{vmid}/config" -> J.textNode(SimPower.configure(c, vm, p, user));
            case "PUT /nodes/{node}/qemu/{vmid}/resize" -> J.textNode(SimPower.resize(c, vm, p, user));
            case "GET /nodes/{node}/qemu/{vmid}/status/current" -> current(vm);
            case "POST /nodes/{node}/qemu/{vmid}/status/start", "POST /nodes/{node}/qemu/{vmid}/status/stop",
                    "POST /nodes/{node}/qemu/{vmid}/status/shutdown", "POST /nodes/{node}/qemu/{vmid}/status/suspend",
                    "POST /nodes/{node}/qemu/{vmid}/status/resume" ->
                    J.textNode(SimPower.power(c, vm, ep.template().substring(ep.template().lastIndexOf('/') + 1), p, user));
            case "DELETE /nodes/{node}/qemu/{vmid}" -> J.textNode(SimPower.delete(c, vm, user));
            case "POST /nodes/{node}/qemu/{vmid}/template" -> J.textNode(SimImport.template(c, vm, user));
            case "POST /nodes/{node}/qemu/{vmid}/agent/exec" -> SimGuest.exec(c, vm, p);
            case "GET /nodes/{node}/qemu/{vmid}/agent/exec-status" -> SimGuest.status(c, vm, p);
            case "POST /nodes/{node}/qemu/{vmid}/agent/file-write" -> SimGuest.fileWrite(vm, p);
            case "GET /nodes/{node}/qemu/{vmid}/agent/file-read" -> SimGuest.fileRead(vm, p);
            default -> throw new SimError(501, "not simulated: " + key);
        };
    }

    /** The token's privileges on a path: everything it asks about, minus what a test withheld. */
    private JsonNode permissions(String path) {
        ObjectNode privs = J.objectNode();
        for (String p : List.of("VM.Allocate", "VM.Clone", "VM.Audit", "VM.PowerMgmt", "VM.Config.CPU", "VM.Config.Memory",
                "VM.Config.Disk", "VM.Config.Network", "VM.Config.Options", "VM.Config.Cloudinit", "VM.GuestAgent.Unrestricted",
                "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit", "SDN.Use", "Sys.Audit")) {
            if (!c.withheld.contains(path + " " + p)) {
                privs.put(p, 1);
            }
        }
        ObjectNode out = J.objectNode();
        out.set(path, privs);
        return out;
    }

    /** The node's bridges (every node has vmbr0 and vmbr1) and, unless only bridges are asked for, its NIC. */
    private JsonNode bridges(String node, String type) {
        ArrayNode out = J.arrayNode();
        for (String b : List.of("vmbr0", "vmbr1")) {
            out.add(J.objectNode().put("iface", b).put("type", "bridge").put("active", 1).put("autostart", 1)
                    .put("method", "manual").put("bridge_ports", "eno1"));
        }
        if (type == null || !type.endsWith("bridge")) {
            out.add(J.objectNode().put("iface", "eno1").put("type", "eth").put("active", 1).put("method", "manual"));
        }
        return out;
    }

    private SimVm on(String node, int vmid) throws SimError {
        SimVm vm = c.vms.get(vmid);
        if (vm == null || !vm.node.equals(node)) {
            throw new SimError(500, "Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
        }
        return vm;
    }

    private JsonNode clone(SimVm t, Map<String, Object> p, String user) throws SimError {
        int newid = ((Number) p.get("newid")).intValue();
        String target = (String) p.getOrDefault("target", t.node);
        if (c.vms.containsKey(newid)) {
            throw new SimError(500, "unable to create VM " + newid + ": config file already exists");
        }
        if (!Boolean.FALSE.equals(p.get("full")) || !t.template) {
            throw new SimError(500, "the simulation only makes linked clones of templates (full=0)");
        }
        if (!target.equals(t.node) && !c.sharedStorage) {
            throw new SimError(500, "Can't clone to non-shared storage 'local-lvm'");
        }
        if (!c.nodes.containsKey(target) || !c.nodes.get(target).online) {
            throw new SimError(500, "target node '" + target + "' is not online");
        }
        String upid = c.task(t.node, "qmclone", String.valueOf(t.vmid), user, null);
        if (c.tasks.get(upid).exit.equals("OK")) {
            SimVm v = new SimVm(newid, target, (String) p.getOrDefault("name", "Copy-of-VM-" + t.name()));
            t.config.forEach((k, val) -> {
                if (!k.equals("name") && !k.equals("template") && !k.equals("description")) {
                    v.config.put(k, val);
                }
            });
            v.config.put("scsi0", "local-lvm:base-" + t.vmid + "-disk-0/vm-" + newid + "-disk-0,size=" + t.diskGib() + "G");
            v.pool = (String) p.getOrDefault("pool", "");
            c.vms.put(newid, v);
        }
        return J.textNode(upid);
    }

    private JsonNode config(SimVm vm) {
        ObjectNode o = J.objectNode();
        vm.config.forEach((k, v) -> {
            if (v instanceof Number n) {
                o.put(k, n.longValue());
            } else {
                o.put(k, String.valueOf(v));
            }
        });
        if (!vm.lock.isEmpty()) {
            o.put("lock", vm.lock);
        }
        return o.put("digest", Integer.toHexString(vm.config.hashCode()) + "0000000000000000000000000000000000");
    }

    private JsonNode current(SimVm vm) {
        ObjectNode o = J.objectNode().put("vmid", vm.vmid).put("name", vm.name()).put("status", vm.status)
                .put("qmpstatus", vm.qmp).put("cpus", vm.cores()).put("maxmem", vm.memoryMib() * SimCluster.MIB)
                .put("mem", vm.running() ? vm.memoryMib() * SimCluster.MIB / 2 : 0)
                .put("diskread", vm.diskRead).put("diskwrite", vm.diskWrite).put("netin", 1000).put("netout", 2000)
                .put("maxdisk", vm.diskGib() * SimCluster.GIB).put("uptime", vm.running() ? 10 : 0)
                .put("agent", 1).put("template", vm.template ? 1 : 0);
        o.set("ha", J.objectNode().put("managed", 0));
        if (!vm.lock.isEmpty()) {
            o.put("lock", vm.lock);
        }
        return o;
    }

    private JsonNode taskStatus(Map<String, Object> p) throws SimError {
        SimCluster.Task t = c.tasks.get((String) p.get("upid"));
        if (t == null || !t.node.equals(p.get("node"))) {
            throw new SimError(500, "no such task");
        }
        String[] f = t.upid.split(":");
        ObjectNode o = J.objectNode().put("upid", t.upid).put("node", t.node).put("pid", Long.parseLong(f[2], 16))
                .put("pstart", Long.parseLong(f[3], 16)).put("starttime", Long.parseLong(f[4], 16))
                .put("type", t.type).put("id", f[6]).put("user", f[7]);
        if (t.polls++ < c.runningPolls) {
            return o.put("status", "running");
        }
        return o.put("status", "stopped").put("exitstatus", t.exit);
    }

    private JsonNode taskLog(Map<String, Object> p) throws SimError {
        SimCluster.Task t = c.tasks.get((String) p.get("upid"));
        if (t == null) {
            throw new SimError(500, "no such task");
        }
        int start = ((Number) p.getOrDefault("start", 0L)).intValue();
        int limit = ((Number) p.getOrDefault("limit", 50L)).intValue();
        ArrayNode out = J.arrayNode();
        // a running task has logged one more line per poll so far
        List<String> log = t.polls <= c.runningPolls ? t.log.subList(0, Math.min(t.log.size() - 1, 1 + t.polls)) : t.log;
        for (int i = start; i < Math.min(log.size(), start + limit); i++) {
            out.add(J.objectNode().put("n", i + 1).put("t", log.get(i)));
        }
        return out;
    }
}
