package org.blockhost.demo;

import java.math.BigInteger;

/**
 * A mined purchase, read from the receipt's {@code SubscriptionCreated} event.
 *
 * @param subscriptionId the subscription id (the VM is {@code blockhost-NNN})
 * @param planId the plan bought
 * @param subscriber the buyer (EIP-55)
 * @param expiresAt expiry, unix seconds
 * @param accessKey K as emitted, 33 bytes compressed, lowercase hex without 0x
 * @param paid stablecoin amount pulled, in the token's smallest unit
 * @param transactionHash the purchase transaction
 * @param blockNumber the block that includes it
 */
public record Purchase(long subscriptionId, long planId, String subscriber, long expiresAt, String accessKey,
        BigInteger paid, String transactionHash, long blockNumber) {

    /** The VM name the host gives this subscription: {@code blockhost-NNN}. */
    public String vmName() {
        return Names.vmName(subscriptionId);
    }
}
