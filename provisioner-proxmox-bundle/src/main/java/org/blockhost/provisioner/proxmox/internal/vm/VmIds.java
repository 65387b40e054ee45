package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.provisioner.api.ProvisionerException;

/**
 * Deterministic VMIDs: {@code blockhost-N} is VMID {@code base + N}, so the same subscription always
 * lands on the same VMID (a second create finds the first) and no state is needed to find a VM.
 */
public final class VmIds {
    public static final Pattern NAME = Pattern.compile("blockhost-([0-9]{3,9})");
    static final int MAX_VMID = 999_999_999;
    private final int base;

    public VmIds(int base) {
        this.base = base;
    }

    public int vmid(String name) throws ProvisionerException {
        Matcher m = name == null ? null : NAME.matcher(name);
        if (m == null || !m.matches()) {
            throw new ProvisionerException("not a BlockHost VM name (blockhost- and 3 to 9 digits)", false);
        }
        long id = base + Long.parseLong(m.group(1));
        if (id > MAX_VMID) {
            throw new ProvisionerException(name + " is beyond the VMID range (vmidBase " + base + ")", false);
        }
        return (int) id;
    }

    /** Whether a guest of that VMID and name is ours: the name must map back to that VMID. */
    public boolean ours(int vmid, String name) {
        try {
            return vmid(name) == vmid;
        } catch (ProvisionerException e) {
            return false;
        }
    }
}
