package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;

/**
 * vm-assign: makes a booted warm-pool guest the buyer's, through the guest agent with fixed
 * argument vectors (no shell): host name ({@code /etc/hostname}, {@code hostname}, {@code /etc/hosts},
 * and a cloud-init drop-in so a reboot keeps it), pam_web3's {@code machine =} line, fresh SSH host
 * keys ({@code ssh-keygen -A} after removing the pool's) and an sshd restart. Answers the new ed25519
 * host key. The host name passed the table's host-name pattern, so it is a plain token in every file.
 * Safe to repeat: a repeat makes new host keys again.
 */
public final class GuestAssign {
    static final String PAM_CONF = "/etc/pam_web3.conf";
    static final String CLOUD_DROPIN = "/etc/cloud/cloud.cfg.d/90-blockhost-assigned.cfg";
    static final List<String> KEY_TYPES = List.of("rsa", "ecdsa", "ed25519");

    private GuestAssign() {
    }

    public static Map<String, Object> assign(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        String hostname = args.str("hostname");
        Domain d = ctx.libvirt().domain(name);
        try {
            GuestExec guest = GuestExec.of(ctx, d, name);
            for (GuestExec.Command c : plan(hostname)) {
                GuestOwner.run(guest, c);
            }
            GuestExec.Command cat = GuestExec.Command.of("/usr/bin/cat", GuestReady.HOST_KEY);
            String key = GuestReady.hostKey(GuestOwner.run(guest, cat).out());
            if (key.isEmpty()) {
                throw ActionException.failed("the guest made no ed25519 host key");
            }
            return Map.of("name", name, "hostname", hostname, "host_key", key);
        } finally {
            LibvirtGateway.free(d);
        }
    }

    /** The guest commands of one assignment, in order. */
    static List<GuestExec.Command> plan(String hostname) {
        List<GuestExec.Command> out = new ArrayList<>();
        out.add(GuestExec.Command.of("/usr/bin/tee", "/etc/hostname").reading(hostname + "\n"));
        out.add(GuestExec.Command.of("/usr/bin/hostname", hostname));
        out.add(GuestExec.Command.of("/usr/bin/tee", "/etc/hosts").reading(hosts(hostname)));
        // user-data's hostname (the pool name) must not come back at the next boot
        out.add(GuestExec.Command.of("/usr/bin/tee", CLOUD_DROPIN).reading("preserve_hostname: true\n"));
        // exit 2: no /etc/pam_web3.conf (a VM made without login settings has no machine line)
        out.add(GuestExec.Command.of("/usr/bin/sed", "-i", "-e", "s/^machine = .*$/machine = " + hostname + "/", PAM_CONF)
                .accepting(0, 2));
        List<String> rm = new ArrayList<>(List.of("-f"));
        KEY_TYPES.forEach(t -> {
            rm.add("/etc/ssh/ssh_host_" + t + "_key");
            rm.add("/etc/ssh/ssh_host_" + t + "_key.pub");
        });
        out.add(GuestExec.Command.of("/usr/bin/rm", rm.toArray(String[]::new)));
        out.add(GuestExec.Command.of("/usr/bin/ssh-keygen", "-A").within(60));
        out.add(GuestExec.Command.of("/usr/bin/systemctl", "restart", "ssh").within(30));
        return out;
    }

    static String hosts(String hostname) {
        return "127.0.0.1\tlocalhost\n127.0.1.1\t" + hostname + "\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
    }
}
