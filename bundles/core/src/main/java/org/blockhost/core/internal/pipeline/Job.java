package org.blockhost.core.internal.pipeline;

/**
 * One subscription's pipeline row joined with what the stages need; {@code madeBy} is the id of the
 * provisioner that made its VM ({@code ""} before the VM exists or when made before core recorded it).
 */
public record Job(long subscriptionId, Stage stage, int attempts, long planId, String subscriber, String accessKey,
        byte[] sealedCredentials, Long tokenId, String vmAddress, int sshPort, long stageEnteredAt, long createdAt,
        int outages, String vmIpv6, String storedVmName, String madeBy) {

    /** The subscription's VM: the stored one (a warm-pool VM keeps its pool name), else {@code blockhost-NNN}. */
    public String vmName() {
        return storedVmName == null || storedVmName.isEmpty() ? org.blockhost.provisioner.api.VmSpec.nameFor(subscriptionId)
                : storedVmName;
    }
}
