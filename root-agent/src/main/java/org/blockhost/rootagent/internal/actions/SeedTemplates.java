package org.blockhost.rootagent.internal.actions;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.Args;

/**
 * The NoCloud documents. All inserted values passed strict validation (host names, user names,
 * addresses and ids from small character sets), so they cannot break out of the YAML scalars.
 */
final class SeedTemplates {
    private SeedTemplates() {
    }

    /** The GECOS of a warm-pool VM's user: no {@code wallet=}, so pam_web3 lets nobody in. */
    static final String POOL_GECOS = "blockhost-pool";

    /** Engine and wallet together (checked against the engine's address form), or neither (a pool VM). */
    static void checkOwner(Args a) throws ActionException {
        if (a.has("wallet") != a.has("engine")) {
            throw ActionException.rejected("seed-create: engine and wallet go together");
        }
        if (a.has("wallet")) {
            Wallets.check(a.str("engine"), a.str("wallet"));
        }
    }

    static String gecos(Args a) {
        return a.has("wallet") ? Wallets.gecos(a.str("wallet"), a.str("nft_id")) : POOL_GECOS;
    }

    static String metaData(Args a) {
        return "instance-id: " + a.str("instance_id") + "\n"
                + "local-hostname: " + a.str("hostname") + "\n";
    }

    static String userData(Args a) throws ActionException {
        String user = a.str("user");
        StringBuilder y = new StringBuilder(1024);
        y.append("#cloud-config\n")
                .append("hostname: ").append(a.str("hostname")).append('\n')
                .append("manage_etc_hosts: true\n")
                .append("users:\n")
                .append("  - name: ").append(user).append('\n')
                .append("    gecos: \"").append(gecos(a)).append("\"\n")
                .append("    shell: /bin/bash\n")
                .append("    lock_passwd: true\n");
        if (a.bool("sudo")) {
            // the tenant administers the VM; the account has no password, so sudo cannot ask for one
            y.append("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n");
        }
        y.append("ssh_pwauth: false\n")
                .append("disable_root: true\n")
                .append("write_files:\n")
                .append("  - path: /etc/ssh/sshd_config.d/50-blockhost.conf\n")
                .append("    permissions: '0644'\n")
                .append("    content: |\n")
                .append("      Port ").append(a.num("ssh_port")).append('\n')
                .append("      PermitRootLogin no\n")
                .append("      PasswordAuthentication no\n")
                .append("      UsePAM yes\n");
        if (a.bool("wallet_login")) {
            y.append("      KbdInteractiveAuthentication yes\n")
                    .append("      AuthenticationMethods keyboard-interactive\n");
        }
        java.util.Optional<String> login = GuestLogin.config(a);
        if (login.isPresent()) {
            // pam_web3 refuses a configuration file that is not root's or that others can write
            y.append("  - path: /etc/pam_web3.conf\n")
                    .append("    owner: root:root\n")
                    .append("    permissions: '0644'\n")
                    .append("    content: |\n");
            login.get().lines().forEach(l -> y.append("      ").append(l).append('\n'));
        }
        y.append("runcmd:\n")
                .append("  - [systemctl, restart, ssh]\n");
        return y.toString();
    }
}
