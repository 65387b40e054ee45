package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Configuration, resize, power and delete of a simulated guest, each a worker task as in PVE. */
final class SimPower {
    private static final Set<String> NOT_CONFIG = Set.of("node", "vmid", "delete", "digest", "skiplock");

    private SimPower() {
    }

    static String configure(SimCluster c, SimVm vm, Map<String, Object> p, String user) throws SimError {
        locked(vm);
        p.forEach((k, v) -> {
            if (!NOT_CONFIG.contains(k)) {
                vm.config.put(k, v instanceof Boolean b ? (b ? 1L : 0L) : v);
            }
        });
        if (p.containsKey("ciuser") && vm.gecos == null) {
            vm.gecos = "";
        }
        return c.task(vm.node, "qmconfig", String.valueOf(vm.vmid), user, null);
    }

    static String resize(SimCluster c, SimVm vm, Map<String, Object> p, String user) throws SimError {
        locked(vm);
        String disk = (String) p.get("disk");
        String cur = String.valueOf(vm.config.getOrDefault(disk, ""));
        Matcher m = Pattern.compile("^\\+?([0-9]+)G$").matcher((String) p.get("size"));
        if (!m.matches() || cur.isEmpty()) {
            throw new SimError(500, "the simulation resizes existing disks by whole GiB only");
        }
        long want = Long.parseLong(m.group(1)) + (((String) p.get("size")).startsWith("+") ? vm.diskGib() : 0);
        String error = want < vm.diskGib() ? "shrinking disks is not supported" : null;
        if (error == null) {
            vm.config.put(disk, cur.replaceAll("size=[0-9]+G", "size=" + want + "G"));
        }
        return c.task(vm.node, "resize", String.valueOf(vm.vmid), user, error);
    }

    static String power(SimCluster c, SimVm vm, String action, Map<String, Object> p, String user) throws SimError {
        if (!action.equals("start") && !action.equals("resume")) {
            locked(vm);
        }
        String error = switch (action) {
            case "start" -> start(vm);
            case "stop" -> stop(vm);
            case "shutdown" -> vm.running() ? stop(vm) : "VM " + vm.vmid + " not running";
            case "suspend" -> suspend(vm, Boolean.TRUE.equals(p.get("todisk")));
            case "resume" -> {
                if (!vm.qmp.equals("paused")) {
                    yield "VM " + vm.vmid + " not paused";
                }
                vm.qmp = "running";
                yield null;
            }
            default -> "unknown action";
        };
        return c.task(vm.node, "qm" + action, String.valueOf(vm.vmid), user, error);
    }

    private static String start(SimVm vm) {
        if (vm.running()) {
            return "VM " + vm.vmid + " already running";
        }
        if (vm.template) {
            return "you can't start a vm if it's a template";
        }
        vm.lock = "";
        vm.config.remove("vmstate");
        vm.status = "running";
        vm.qmp = "running";
        return null;
    }

    private static String stop(SimVm vm) {
        vm.status = "stopped";
        vm.qmp = "stopped";
        return null;
    }

    private static String suspend(SimVm vm, boolean todisk) {
        if (!vm.running()) {
            return "VM " + vm.vmid + " not running";
        }
        if (todisk) {
            vm.status = "stopped";
            vm.qmp = "stopped";
            vm.lock = "suspended";
            vm.config.put("vmstate", "local-lvm:vm-" + vm.vmid + "-state-suspend-2026-12-05");
        } else {
            vm.qmp = "paused";
        }
        return null;
    }

    static String delete(SimCluster c, SimVm vm, String user) throws SimError {
        locked(vm);
        if (vm.running()) {
            throw new SimError(500, "VM " + vm.vmid + " is running - destroy failed");
        }
        if (vm.template && c.vms.values().stream().anyMatch(v -> String.valueOf(v.config.get("scsi0")).contains("base-" + vm.vmid + "-"))) {
            throw new SimError(500, "base volume is in use by linked clones");
        }
        String upid = c.task(vm.node, "qmdestroy", String.valueOf(vm.vmid), user, null);
        if (c.tasks.get(upid).exit.equals("OK")) {
            c.vms.remove(vm.vmid);
        }
        return upid;
    }

    private static void locked(SimVm vm) throws SimError {
        if (!vm.lock.isEmpty()) {
            throw new SimError(500, "VM is locked (" + vm.lock + ")");
        }
    }
}
