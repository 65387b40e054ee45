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
    /** Agent calls still answered "not running" (the agent is not up yet). */
    int agentDownCalls;
    /** Agent answers left before the agent stops answering once (-1: no such interruption). */
    int answersLeft = -1;
    /** Program → the exit code of its next run. */
    final Map<String, Integer> failNext = new LinkedHashMap<>();
    boolean booted;
    /** The running host name, the ed25519 key line sshd serves and how often sshd restarted. */
    String hostname = "";
    String sshdKey = "";
    int sshdRestarts;
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

    /** The next {@code calls} guest agent calls fail as when the agent is not up yet. */
    public void agentDown(int calls) {
        agentDownCalls = calls;
    }

    /** The agent answers {@code answers} more calls, then fails one as if it (or the caller) went away. */
    public void agentDownAfter(int answers) {
        answersLeft = answers;
    }

    /** The next run of this program in the guest exits with this code. */
    public void failNext(String program, int exit) {
        failNext.put(program, exit);
    }

    public String hostname() {
        return hostname;
    }

    /** The ed25519 host key line sshd serves ({@code ssh-ed25519 AAAA… root@host}). */
    public String sshdKey() {
        return sshdKey;
    }

    public int sshdRestarts() {
        return sshdRestarts;
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
