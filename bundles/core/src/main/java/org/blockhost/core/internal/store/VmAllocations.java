package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A VM's allocations in the {@code allocations} table, kept until it is destroyed. The public TCP
 * port (port-forward mode), kind {@value #KIND}: core is the one owner; the provisioner forwards the
 * port it is given; {@value #BASE} + the VM's number when that is free and at most 65535, else the
 * lowest free port from {@value #BASE}. The VM's IPv6 address, kind {@value #IPV6}, as the
 * provisioner reported it at create (read for the NFT's {@code ipv6}).
 */
public final class VmAllocations {
    public static final String KIND = "ssh_forward";
    public static final String IPV6 = "ipv6";
    public static final int BASE = 22000;

    private VmAllocations() {
    }

    /** The VM's port, allocated now if it has none (call inside a write transaction). */
    public static int allocate(Connection c, String vmName) throws SQLException {
        Optional<String> mine = Sql.one(c, "SELECT value FROM allocations WHERE kind = ? AND vm_name = ?",
                r -> r.getString(1), KIND, vmName);
        if (mine.isPresent()) {
            return Integer.parseInt(mine.get());
        }
        Set<Integer> used = new HashSet<>(Sql.list(c, "SELECT value FROM allocations WHERE kind = ?",
                r -> Integer.parseInt(r.getString(1)), KIND));
        int port = BASE + number(vmName);
        if (port > 65535 || port <= BASE || used.contains(port)) {
            port = BASE + 1;
            while (used.contains(port)) {
                port++;
            }
        }
        if (port > 65535) {
            throw new SQLException("no public port left for " + vmName);
        }
        Sql.update(c, "INSERT INTO allocations (kind, value, vm_name) VALUES (?, ?, ?)", KIND, Integer.toString(port), vmName);
        return port;
    }

    /** Records the VM's IPv6 address (empty: none; an address another VM holds is refused by the key). */
    public static void recordIpv6(Connection c, String vmName, String address) throws SQLException {
        Sql.update(c, "DELETE FROM allocations WHERE kind = ? AND vm_name = ?", IPV6, vmName);
        if (!address.isEmpty()) {
            Sql.update(c, "INSERT INTO allocations (kind, value, vm_name) VALUES (?, ?, ?)", IPV6, address, vmName);
        }
    }

    /** The VM's IPv6 address, if the provisioner gave it one. */
    public static Optional<String> ipv6(Connection c, String vmName) throws SQLException {
        return Sql.one(c, "SELECT value FROM allocations WHERE kind = ? AND vm_name = ?", r -> r.getString(1), IPV6, vmName);
    }

    /** Frees the VM's port and address (its VM is destroyed). */
    public static void release(Connection c, String vmName) throws SQLException {
        Sql.update(c, "DELETE FROM allocations WHERE kind IN (?, ?) AND vm_name = ?", KIND, IPV6, vmName);
    }

    private static int number(String vmName) {
        String digits = vmName.substring(vmName.lastIndexOf('-') + 1);
        return digits.matches("[0-9]{1,5}") ? Integer.parseInt(digits) : Integer.MAX_VALUE - BASE;
    }
}
