package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.regex.Pattern;

import org.blockhost.provisioner.api.ProvisionerException;

/** Which engine a wallet address belongs to, from its form (the root agent re-checks it). */
public final class Wallets {
    private static final Pattern EVM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern OPNET = Pattern.compile("(bc|tb|bcrt|op|opt)1[02-9ac-hj-np-z]{8,87}");

    private Wallets() {
    }

    public static String engineOf(String wallet) throws ProvisionerException {
        if (wallet != null && EVM.matcher(wallet).matches()) {
            return "evm";
        }
        if (wallet != null && OPNET.matcher(wallet).matches()) {
            return "opnet";
        }
        throw new ProvisionerException("owner wallet is neither an EVM nor an OPNet address", false);
    }
}
