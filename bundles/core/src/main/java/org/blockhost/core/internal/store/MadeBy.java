package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which provisioner made each VM ({@code vms.provisioner}, recorded at create). After a swap of
 * provisioner bundles, core hands a VM only to the provisioner that made it: every query that picks
 * VMs for a provisioner call adds {@link #MINE} with the active provisioner's id.
 */
public final class MadeBy {
    /** SQL condition on {@code vms} (aliased {@code v}): made by the provisioner bound as its one parameter, or of unknown origin. */
    public static final String MINE = "(v.provisioner = '' OR v.provisioner = ?)";

    private MadeBy() {
    }

    /** The provisioner id recorded with the VM; {@code ""} when unknown or when there is no such VM. */
    public static String of(Connection c, String vmName) throws SQLException {
        return Sql.one(c, "SELECT provisioner FROM vms WHERE name = ?", r -> r.getString(1), vmName).orElse("");
    }

    /** Live VMs (not destroyed) made by another provisioner than {@code active}: name to the provisioner that made it. */
    public static Map<String, String> elsewhere(Connection c, String active) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        Sql.list(c, "SELECT name, provisioner FROM vms WHERE state IN ('provisioning', 'active', 'suspended')"
                + " AND provisioner <> '' AND provisioner <> ?", r -> out.put(r.getString(1), r.getString(2)), active);
        return out;
    }
}
