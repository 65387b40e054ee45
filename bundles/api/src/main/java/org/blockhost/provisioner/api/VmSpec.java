package org.blockhost.provisioner.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a provisioner needs to create a tenant VM. Immutable and validated on construction.
 *
 * @param name {@code blockhost-NNN}, derived from the subscription id ({@link #nameFor})
 * @param ownerWallet the subscriber's wallet address (canonical form of the active engine)
 * @param resources the plan's resources
 * @param template the template to clone
 * @param guestUser the login user created in the guest
 * @param machineId the id PAM shows in the sign-in message
 * @param network the allocated addresses
 */
public record VmSpec(String name, String ownerWallet, PlanResources resources, String template,
        String guestUser, String machineId, NetworkAllocation network) {

    private static final Pattern NAME = Pattern.compile("blockhost-[0-9]{3,18}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public VmSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("VM name must look like blockhost-001: " + name);
        }
        Objects.requireNonNull(ownerWallet, "ownerWallet");
        Objects.requireNonNull(resources, "resources");
        if (template == null || !TOKEN.matcher(template).matches()) {
            throw new IllegalArgumentException("invalid template name: " + template);
        }
        if (guestUser == null || !USER.matcher(guestUser).matches()) {
            throw new IllegalArgumentException("invalid guest user name: " + guestUser);
        }
        if (machineId == null || !TOKEN.matcher(machineId).matches()) {
            throw new IllegalArgumentException("invalid machine id: " + machineId);
        }
        Objects.requireNonNull(network, "network");
    }

    /** The VM name for a subscription: {@code blockhost-001} for subscription 1. */
    public static String nameFor(long subscriptionId) {
        if (subscriptionId <= 0) {
            throw new IllegalArgumentException("subscription id must be positive: " + subscriptionId);
        }
        return String.format("blockhost-%03d", subscriptionId);
    }
}
