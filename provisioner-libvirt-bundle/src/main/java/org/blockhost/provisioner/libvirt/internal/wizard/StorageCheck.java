package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Optional;

import org.blockhost.provisioner.libvirt.internal.template.TemplateStep;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The storage answer ({@link SetupForm#VM_DIR}, where VM disks live) checked against this machine:
 * an existing absolute directory (symlinks resolved), on a file system with room for the template plus one
 * plan's disk, and writable by the runtime only where the runtime writes the disks itself (dev mode's
 * in-process agent): on an installed host the root agent writes them (the packaged directory is
 * {@code 0750 root:blockhost}), so a directory the runtime may write is not asked for there. Messages
 * are fixed sentences (the value is never echoed).
 */
public final class StorageCheck {
    static final long GIB = 1L << 30;
    /** Room kept for a template not built yet (a Debian 12 qcow2 with the guest packages). */
    static final long TEMPLATE_ESTIMATE = 2 * GIB;
    /** One plan's disk when no plan is configured yet. */
    static final int DEFAULT_PLAN_DISK_GIB = 10;
    static final String CORE_PLANS_PID = "org.blockhost.core.plans";

    /** Free and total bytes of a directory's file system. */
    public record Space(long usable, long total) {
    }

    /** What the directory must hold: the template (built, or an estimate) and the biggest plan's disk. */
    public record Need(long templateBytes, int planDiskGib) {
        public long bytes() {
            return templateBytes + planDiskGib * GIB;
        }
    }

    private StorageCheck() {
    }

    /**
     * Why {@code value} cannot hold the VM disks, or empty; {@code runtimeWrites}: the runtime writes the
     * disks itself (dev mode), so it must be able to write the directory.
     */
    public static Optional<String> problem(String value, Need need, boolean runtimeWrites) {
        Optional<String> syntax = Optional.ofNullable(SetupForm.validate(k -> k.equals(SetupForm.VM_DIR) ? value : null)
                .errors().get(SetupForm.VM_DIR));
        if (syntax.isPresent()) {
            return syntax;
        }
        Path dir;
        try {
            dir = Path.of(value.strip());
        } catch (InvalidPathException e) {
            return Optional.of("VM directory must be an absolute path like /var/lib/blockhost/vms");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("this directory does not exist: create it first (owned by the blockhost user), then save again");
        }
        if (runtimeWrites && !Files.isWritable(dir)) {
            return Optional.of("BlockHost cannot write to this directory: give the blockhost user write access, then save again");
        }
        Optional<Space> space = space(dir);
        if (space.isEmpty()) {
            return Optional.of("the free space of this directory cannot be read: choose another directory");
        }
        if (space.get().usable() < need.bytes()) {
            return Optional.of("not enough free space: " + gib(space.get().usable()) + " free, " + gib(need.bytes())
                    + " needed for the template and one plan's disk");
        }
        return Optional.empty();
    }

    public static Optional<Space> space(Path dir) {
        try {
            var store = Files.getFileStore(dir);
            return Optional.of(new Space(store.getUsableSpace(), store.getTotalSpace()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The default template's size when it exists in {@code templateDir}, and the biggest disk of core's configured plans. */
    public static Need need(ConfigurationAdmin cm, Path templateDir) {
        Path template = templateDir.resolve(TemplateStep.DEFAULT_TEMPLATE + ".qcow2");
        long templateBytes = TEMPLATE_ESTIMATE;
        try {
            if (Files.isRegularFile(template)) {
                templateBytes = Files.size(template);
            }
        } catch (IOException e) {
            templateBytes = TEMPLATE_ESTIMATE;
        }
        return new Need(templateBytes, biggestPlanDisk(cm));
    }

    static int biggestPlanDisk(ConfigurationAdmin cm) {
        try {
            Dictionary<String, Object> d = cm.getConfiguration(CORE_PLANS_PID, "?").getProperties();
            Object plans = d == null ? null : d.get("plans");
            int max = 0;
            for (String entry : plans instanceof String[] a ? a : plans instanceof String s ? new String[] {s} : new String[0]) {
                String[] parts = entry.strip().split(":");
                if (parts.length == 4 && parts[3].matches("[0-9]{1,6}")) {
                    max = Math.max(max, Integer.parseInt(parts[3]));
                }
            }
            return max == 0 ? DEFAULT_PLAN_DISK_GIB : max;
        } catch (IOException e) {
            return DEFAULT_PLAN_DISK_GIB;
        }
    }

    /** Bytes as GiB with one decimal ("12.5 GiB"). */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}
