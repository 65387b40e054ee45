package org.blockhost.rootagent.internal.actions;

import java.util.Map;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;

/** Address patterns of the engines the agent knows; the engine is a typed parameter. */
public final class Wallets {
    private static final Map<String, Pattern> PATTERNS = Map.of(
            "evm", Pattern.compile("0x[0-9a-fA-F]{40}"),
            "opnet", Pattern.compile("(bc|tb|bcrt|op|opt)1[02-9ac-hj-np-z]{8,87}"));

    private Wallets() {
    }

    public static void check(String engine, String wallet) throws ActionException {
        Pattern p = PATTERNS.get(engine);
        if (p == null || !p.matcher(wallet).matches()) {
            throw ActionException.rejected("parameter 'wallet': not a valid " + engine + " address");
        }
    }

    /** The GECOS field the PAM module reads. */
    public static String gecos(String wallet, String nftId) {
        return "wallet=" + wallet + ",nft=" + nftId;
    }
}
