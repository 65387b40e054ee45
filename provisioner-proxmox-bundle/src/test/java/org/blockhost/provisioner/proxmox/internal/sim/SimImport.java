package org.blockhost.provisioner.proxmox.internal.sim;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Template import on the simulated cluster: upload to an import storage, create with import-from, convert. */
final class SimImport {
    private static final Pattern IMPORT = Pattern.compile("import-from=local:import/([^,]+)");

    private SimImport() {
    }

    static int nextId(SimCluster c) {
        int id = 100;
        while (c.vms.containsKey(id)) {
            id++;
        }
        return id;
    }

    static String upload(SimCluster c, Map<String, Object> p, byte[] file, String user) throws SimError {
        if (!"local".equals(p.get("storage")) || !"import".equals(p.get("content")) || file == null) {
            throw new SimError(500, "the simulation takes import uploads to storage 'local' only");
        }
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new SimError(500, e.toString());
        }
        String node = (String) p.get("node");
        String error = sha.equals(p.get("checksum")) ? null : "checksum mismatch: got '" + sha + "'";
        if (error == null) {
            c.imports.computeIfAbsent(node, k -> new TreeMap<>()).put((String) p.get("filename"), sha);
        }
        return c.task(node, "imgcopy", "", user, error);
    }

    static String create(SimCluster c, Map<String, Object> p, String user) throws SimError {
        int vmid = ((Number) p.get("vmid")).intValue();
        String node = (String) p.get("node");
        if (c.vms.containsKey(vmid)) {
            throw new SimError(500, "unable to create VM " + vmid + " - VM " + vmid + " already exists");
        }
        Matcher m = IMPORT.matcher(String.valueOf(p.getOrDefault("scsi0", "")));
        String error = !m.find() ? "the simulation creates VMs by import only"
                : !c.imports.getOrDefault(node, Map.of()).containsKey(m.group(1)) ? "volume 'local:import/" + m.group(1) + "' does not exist"
                : null;
        if (error == null) {
            SimVm vm = new SimVm(vmid, node, String.valueOf(p.get("name")));
            p.forEach((k, v) -> {
                if (!k.equals("node") && !k.equals("vmid") && !k.equals("pool")) {
                    vm.config.put(k, v instanceof Number n ? (Object) n.longValue() : String.valueOf(v));
                }
            });
            vm.config.put("scsi0", "local-lvm:vm-" + vmid + "-disk-0,size=2G");
            vm.config.put("ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");
            vm.pool = String.valueOf(p.getOrDefault("pool", ""));
            c.vms.put(vmid, vm);
        }
        String upid = c.task(node, "qmcreate", String.valueOf(vmid), user, error);
        if (error == null) { // qemu-img's progress as PVE logs it while the disk is imported
            c.tasks.get(upid).log.addAll(1, List.of("transferred 512.0 MiB of 2.0 GiB (25.00%)",
                    "transferred 1.0 GiB of 2.0 GiB (50.00%)", "transferred 2.0 GiB of 2.0 GiB (100.00%)"));
        }
        return upid;
    }

    static String template(SimCluster c, SimVm vm, String user) throws SimError {
        if (vm.running()) {
            throw new SimError(500, "you can't convert a running VM to a template");
        }
        vm.template = true;
        vm.config.put("template", 1L);
        vm.config.put("scsi0", String.valueOf(vm.config.get("scsi0")).replace("vm-" + vm.vmid + "-disk", "base-" + vm.vmid + "-disk"));
        return c.task(vm.node, "qmtemplate", String.valueOf(vm.vmid), user, null);
    }
}
