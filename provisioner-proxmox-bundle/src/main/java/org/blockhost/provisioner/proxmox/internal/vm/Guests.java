package org.blockhost.provisioner.proxmox.internal.vm;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.pve.Tasks;

/** The PVE calls on one QEMU guest; every asynchronous call is awaited to its end. */
public final class Guests {
    private final PveClient pve;
    private final Tasks tasks;

    /** A guest found in the cluster: its VMID and the node it is on. */
    public record Located(int vmid, String node) {
        String path() {
            return "/nodes/" + Params.enc(node) + "/qemu/" + vmid;
        }
    }

    public Guests(PveClient pve, Tasks tasks) {
        this.pve = pve;
        this.tasks = tasks;
    }

    /** {@code GET status/current}. */
    public JsonNode current(Located g) throws PveException {
        return pve.get(g.path() + "/status/current", Params.of());
    }

    /**
     * running + QMP paused → PAUSED; running → ACTIVE; stopped with the {@code suspended} lock
     * (hibernated: memory on disk, no RAM held) → SUSPENDED; stopped → SHUT_OFF.
     */
    public static VmStatus statusOf(JsonNode current) {
        String status = current.path("status").asText();
        String qmp = current.path("qmpstatus").asText("");
        if ("running".equals(status)) {
            return qmp.equals("paused") || qmp.equals("suspended") ? VmStatus.PAUSED : VmStatus.ACTIVE;
        }
        if ("stopped".equals(status)) {
            return "suspended".equals(current.path("lock").asText()) ? VmStatus.SUSPENDED : VmStatus.SHUT_OFF;
        }
        return VmStatus.UNKNOWN;
    }

    public VmStatus status(Located g) throws PveException {
        return statusOf(current(g));
    }

    /** {@code POST status/<action>} (start, shutdown, stop, suspend, resume) and wait for its task. */
    public void power(Located g, String action, Params extra) throws PveException {
        tasks.await(pve.post(g.path() + "/status/" + action, extra));
    }

    public JsonNode config(Located g) throws PveException {
        return pve.get(g.path() + "/config", Params.of());
    }

    public void configure(Located g, Params p) throws PveException {
        tasks.await(pve.post(g.path() + "/config", p));
    }

    public void resize(Located g, String disk, int gib) throws PveException {
        tasks.await(pve.put(g.path() + "/resize", Params.of().add("disk", disk).add("size", gib + "G")));
    }

    /** Deletes the guest with its disks and removes it from jobs, replication and HA ({@code purge}). */
    public void delete(Located g) throws PveException {
        tasks.await(pve.delete(g.path(), Params.of().add("purge", true).add("destroy-unreferenced-disks", true)));
    }

    /** A linked clone of a template (on the template's node; {@code target} moves it, shared storage only). */
    public void linkedClone(Located template, int newid, String name, String pool, String target) throws PveException {
        Params p = Params.of().add("newid", newid).add("name", name).add("pool", pool).add("full", false);
        if (!target.equals(template.node())) {
            p.add("target", target);
        }
        tasks.await(pve.post(template.path() + "/clone", p));
    }

    /** Starts a command through the guest agent; answers its pid in the guest. */
    public long exec(Located g, java.util.List<String> argv, String input) throws PveException {
        Params p = Params.of().add("command", argv);
        if (input != null) {
            p.add("input-data", input);
        }
        return pve.post(g.path() + "/agent/exec", p).path("pid").asLong();
    }

    public JsonNode execStatus(Located g, long pid) throws PveException {
        return pve.get(g.path() + "/agent/exec-status", Params.of().add("pid", pid));
    }

    /** {@code agent/file-write}: replaces a file in the guest with the text (PVE encodes it for the agent). */
    public void fileWrite(Located g, String file, String content) throws PveException {
        pve.post(g.path() + "/agent/file-write", Params.of().add("content", content).add("file", file));
    }

    /** {@code agent/file-read}: a file's text from the guest; a missing file is an agent error (HTTP 500). */
    public String fileRead(Located g, String file) throws PveException {
        return pve.get(g.path() + "/agent/file-read", Params.of().add("file", file)).path("content").asText("");
    }
}
