package org.blockhost.rootagent.internal.actions;

import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.Args;

/**
 * seed-create's optional pam_web3 settings ({@code login_host}, {@code login_chain_id},
 * {@code signing_url}): all three or none, only with {@code wallet_login}. They become the body of
 * {@code /etc/pam_web3.conf} in the guest. The values passed the table's strict patterns; messages
 * name the field, never the value.
 */
final class GuestLogin {
    private GuestLogin() {
    }

    /** The {@code key = value} lines of /etc/pam_web3.conf, or empty when no login settings were given. */
    static Optional<String> config(Args a) throws ActionException {
        int given = (a.has("login_host") ? 1 : 0) + (a.has("login_chain_id") ? 1 : 0) + (a.has("signing_url") ? 1 : 0);
        if (given == 0) {
            return Optional.empty();
        }
        if (given != 3) {
            throw ActionException.rejected("seed-create: login_host, login_chain_id and signing_url go together");
        }
        if (!a.bool("wallet_login")) {
            throw ActionException.rejected("seed-create: login_host, login_chain_id and signing_url need wallet_login");
        }
        checkPort(a.str("login_host"));
        return Optional.of("host = " + a.str("login_host") + "\n"
                + "chain_id = " + a.num("login_chain_id") + "\n"
                + "signing_url = " + a.str("signing_url") + "\n"
                + "machine = " + a.str("hostname") + "\n");
    }

    private static void checkPort(String host) throws ActionException {
        int colon = host.indexOf(':');
        if (colon < 0) {
            return;
        }
        int port = Integer.parseInt(host.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw ActionException.rejected("parameter 'login_host': port must be 1..65535");
        }
    }
}
