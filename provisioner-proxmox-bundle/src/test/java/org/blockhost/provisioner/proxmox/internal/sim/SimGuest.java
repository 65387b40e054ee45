package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The QEMU guest agent of a simulated guest: {@code getent passwd} and {@code usermod -c} act on the
 * guest user's GECOS; every other command succeeds and is recorded.
 */
final class SimGuest {
    private SimGuest() {
    }

    @SuppressWarnings("unchecked")
    static JsonNode exec(SimCluster c, SimVm vm, Map<String, Object> p) throws SimError {
        if (!vm.running() || !vm.qmp.equals("running") || !"1".equals(String.valueOf(vm.config.get("agent")))) {
            throw new SimError(500, "QEMU guest agent is not running");
        }
        List<String> argv = (List<String>) p.get("command");
        vm.guestCommands.add(argv);
        ObjectNode r = SimCluster.J.objectNode().put("exited", 1);
        String user = String.valueOf(vm.config.get("ciuser"));
        switch (argv.get(0)) {
            case "/usr/bin/getent" -> {
                if (vm.gecos == null) {
                    r.put("exitcode", 2);
                } else {
                    r.put("exitcode", 0).put("out-data", user + ":x:1000:1000:" + vm.gecos + ":/home/" + user + ":/bin/bash\n");
                }
            }
            case "/usr/sbin/usermod" -> {
                vm.gecos = argv.get(2);
                r.put("exitcode", 0);
            }
            case "/usr/bin/tee" -> {
                vm.files.put(argv.get(1), (String) p.getOrDefault("input-data", ""));
                r.put("exitcode", 0);
            }
            case "/usr/bin/wall" -> {
                vm.walls.add((String) p.getOrDefault("input-data", ""));
                r.put("exitcode", 0);
            }
            default -> r.put("exitcode", 0);
        }
        long pid = c.pids.incrementAndGet();
        c.execs.put(pid, r);
        return SimCluster.J.objectNode().put("pid", pid);
    }

    static JsonNode status(SimCluster c, SimVm vm, Map<String, Object> p) throws SimError {
        ObjectNode r = c.execs.remove(((Number) p.get("pid")).longValue());
        if (r == null) {
            throw new SimError(500, "Agent error: Invalid parameter 'pid'");
        }
        return r;
    }
}
