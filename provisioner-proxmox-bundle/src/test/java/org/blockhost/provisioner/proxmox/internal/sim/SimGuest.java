package org.blockhost.provisioner.proxmox.internal.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The QEMU guest agent of a simulated guest and the guest behind it. The agent answers only while
 * the VM runs with {@code agent=1} and is up ({@link SimVm#agentDown} makes the next calls fail as
 * PVE does, HTTP 500 "QEMU guest agent is not running"). At the agent's first answer the guest has
 * booted: cloud-init's {@code boot-finished}, its host name (the VM name) and SSH host keys, sshd
 * serving the ed25519 one. Programs: {@code getent passwd} and {@code usermod -c} act on the guest
 * user's GECOS; {@code tee} and {@code file-write} write files, {@code file-read} reads them (a
 * missing file is an agent error); {@code rm -f} removes files; {@code hostname} sets the running
 * host name; {@code ssh-keygen -A} makes the missing host keys; {@code systemctl restart ssh} makes
 * sshd serve the current key; {@code wall} records the message; the eviction programs exit 0; any
 * other program exits 127. {@link SimVm#failNext} makes a program's next run exit with a code.
 */
final class SimGuest {
    static final String BOOT_FINISHED = "/var/lib/cloud/instance/boot-finished";
    static final String ED25519 = "/etc/ssh/ssh_host_ed25519_key.pub";
    private static final Set<String> QUIET = Set.of("/usr/bin/pkill", "/usr/bin/find", "/usr/bin/cp", "/usr/bin/chown", "/usr/bin/mkdir");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimGuest() {
    }

    @SuppressWarnings("unchecked")
    static JsonNode exec(SimCluster c, SimVm vm, Map<String, Object> p) throws SimError {
        up(vm);
        List<String> argv = (List<String>) p.get("command");
        vm.guestCommands.add(argv);
        ObjectNode r = SimCluster.J.objectNode().put("exited", true);
        Integer fail = vm.failNext.remove(argv.get(0));
        if (fail != null) {
            r.put("exitcode", fail).put("err-data", argv.get(0) + ": failed\n");
        } else {
            run(vm, argv, (String) p.getOrDefault("input-data", ""), r);
        }
        long pid = c.pids.incrementAndGet();
        c.execs.put(pid, r);
        return SimCluster.J.objectNode().put("pid", pid);
    }

    private static void run(SimVm vm, List<String> argv, String input, ObjectNode r) {
        String user = String.valueOf(vm.config.get("ciuser"));
        int exit = 0;
        switch (argv.get(0)) {
            case "/usr/bin/getent" -> {
                if (vm.gecos == null) {
                    exit = 2;
                } else {
                    r.put("out-data", user + ":x:1000:1000:" + vm.gecos + ":/home/" + user + ":/bin/bash\n");
                }
            }
            case "/usr/sbin/usermod" -> vm.gecos = argv.get(2);
            case "/usr/bin/tee" -> vm.files.put(argv.get(1), input);
            case "/usr/bin/wall" -> vm.walls.add(input);
            case "/usr/bin/hostname" -> vm.hostname = argv.get(1);
            case "/usr/bin/rm" -> argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).forEach(vm.files::remove);
            case "/usr/bin/ssh-keygen" -> exit = argv.equals(List.of("/usr/bin/ssh-keygen", "-A")) ? keygen(vm) : 1;
            case "/usr/bin/systemctl" -> {
                if (argv.equals(List.of("/usr/bin/systemctl", "restart", "ssh")) && vm.files.containsKey(ED25519)) {
                    vm.sshdKey = vm.files.get(ED25519).strip();
                    vm.sshdRestarts++;
                } else {
                    exit = 1;
                }
            }
            default -> exit = QUIET.contains(argv.get(0)) ? 0 : 127;
        }
        r.put("exitcode", exit);
    }

    private static int keygen(SimVm vm) {
        for (String t : List.of("rsa", "ecdsa", "ed25519")) {
            String key = "/etc/ssh/ssh_host_" + t + "_key";
            if (!vm.files.containsKey(key)) {
                vm.files.put(key, "(private " + t + " key)");
                vm.files.put(key + ".pub", (t.equals("ed25519") ? ed25519() : "ssh-" + t + " AAAA") + " root@" + vm.hostname + "\n");
            }
        }
        return 0;
    }

    /** A fresh {@code ssh-ed25519 AAAA…} public key line (random key bytes in the OpenSSH blob). */
    static String ed25519() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        blob.writeBytes(new byte[] {0, 0, 0, (byte) type.length});
        blob.writeBytes(type);
        blob.writeBytes(new byte[] {0, 0, 0, 32});
        blob.writeBytes(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray());
    }

    static JsonNode status(SimCluster c, SimVm vm, Map<String, Object> p) throws SimError {
        up(vm);
        ObjectNode r = c.execs.remove(((Number) p.get("pid")).longValue());
        if (r == null) {
            throw new SimError(500, "Agent error: Invalid parameter 'pid'");
        }
        return r;
    }

    static JsonNode fileWrite(SimVm vm, Map<String, Object> p) throws SimError {
        up(vm);
        vm.files.put((String) p.get("file"), (String) p.get("content"));
        return NullNode.getInstance();
    }

    static JsonNode fileRead(SimVm vm, Map<String, Object> p) throws SimError {
        up(vm);
        String f = (String) p.get("file");
        String content = vm.files.get(f);
        if (content == null) {
            throw new SimError(500, "Agent error: Failed to open file '" + f + "': No such file or directory");
        }
        return SimCluster.J.objectNode().put("content", content);
    }

    /** The agent answers: the VM runs with {@code agent=1} and its agent is up; the first answer finds the guest booted. */
    private static void up(SimVm vm) throws SimError {
        if (!vm.running() || !vm.qmp.equals("running") || !"1".equals(String.valueOf(vm.config.get("agent")))) {
            throw new SimError(500, "QEMU guest agent is not running");
        }
        if (vm.answersLeft == 0) {
            vm.answersLeft = -1;
            throw new SimError(500, "QEMU guest agent is not running");
        }
        if (vm.answersLeft > 0) {
            vm.answersLeft--;
        }
        if (vm.agentDownCalls > 0) {
            vm.agentDownCalls--;
            throw new SimError(500, "QEMU guest agent is not running");
        }
        if (!vm.booted) {
            vm.booted = true;
            vm.hostname = vm.name();
            vm.files.put("/etc/hostname", vm.name() + "\n");
            keygen(vm);
            vm.sshdKey = vm.files.get(ED25519).strip();
            vm.files.put(BOOT_FINISHED, "1733400000.00 - v. 22.4.2\n");
        }
    }
}
