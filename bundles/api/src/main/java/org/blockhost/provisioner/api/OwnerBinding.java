package org.blockhost.provisioner.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The owner of a VM: wallet address and credential token id, written into the guest user's GECOS
 * as {@code wallet=<address>,nft=<tokenId>}.
 */
public record OwnerBinding(String wallet, long tokenId) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9]{1,128}");

    public OwnerBinding {
        Objects.requireNonNull(wallet, "wallet");
        if (!SAFE.matcher(wallet).matches()) {
            throw new IllegalArgumentException("wallet must be alphanumeric");
        }
        if (tokenId < 0) {
            throw new IllegalArgumentException("negative token id");
        }
    }

    /** The GECOS field value. */
    public String gecos() {
        return "wallet=" + wallet + ",nft=" + tokenId;
    }
}
