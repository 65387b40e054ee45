package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated QEMU guest: state, configuration (typed as the API answers it) and guest-side effects. */
public final class SimVm {
    final int vmid;
    String node;
    String status = "stopped";
    String qmp = "stopped";
    String lock = "";
    boolean template;
    String pool = "";
    final Map<String, Object> config = new LinkedHashMap<>();
    /** The guest user's GECOS (what getent reports); null = the user does not exist yet. */
    String gecos;
    final List<List<String>> guestCommands = new ArrayList<>();
    /** Files written in the guest through {@code tee} with the agent's input data. */
    final Map<String, String> files = new LinkedHashMap<>();
    /** Messages sent to the guest's terminals with {@code wall}. */
    final List<String> walls = new ArrayList<>();
    long diskRead;
    long diskWrite;

    SimVm(int vmid, String node, String name) {
        this.vmid = vmid;
        this.node = node;
        config.put("name", name);
    }

    String name() {
        return String.valueOf(config.get("name"));
    }

    int cores() {
        return ((Number) config.getOrDefault("cores", 1L)).intValue();
    }

    long memoryMib() {
        return Long.parseLong(String.valueOf(config.getOrDefault("memory", "512")).replace("current=", ""));
    }

    /** Disk size in GiB from {@code scsi0}'s {@code size=}. */
    long diskGib() {
        String d = String.valueOf(config.getOrDefault("scsi0", "size=0G"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("size=([0-9]+)G").matcher(d);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public String gecos() {
        return gecos;
    }

    public List<List<String>> guestCommands() {
        return List.copyOf(guestCommands);
    }

    public Map<String, Object> config() {
        return Map.copyOf(config);
    }

    public Map<String, String> files() {
        return Map.copyOf(files);
    }

    public List<String> walls() {
        return List.copyOf(walls);
    }

    public String node() {
        return node;
    }

    public String lock() {
        return lock;
    }

    public String status() {
        return status;
    }

    boolean running() {
        return status.equals("running");
    }
}
