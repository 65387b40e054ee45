package org.blockhost.rootagent.internal.actions;

import java.util.Map;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * vm-guest-ready: whether the guest finished its first boot, asked through the guest agent with
 * fixed argument vectors: cloud-init's {@code boot-finished} marker exists (written at the end of
 * the final stage, after the user, pam_web3 and sshd are set up), then the guest's ed25519 SSH host
 * key ({@code /etc/ssh/ssh_host_ed25519_key.pub}, comment dropped, anything else than one
 * {@code ssh-ed25519} key line answered as empty). A domain that is not running or a guest agent
 * that does not answer yet is "not ready", not an error.
 */
public final class GuestReady {
    static final String BOOT_FINISHED = "/var/lib/cloud/instance/boot-finished";
    static final String HOST_KEY = "/etc/ssh/ssh_host_ed25519_key.pub";

    private GuestReady() {
    }

    public static Map<String, Object> probe(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        Domain d = ctx.libvirt().domain(name);
        try {
            if (d.isActive() != 1) {
                return notReady("not running");
            }
            GuestExec guest = GuestExec.of(ctx, d, name);
            GuestExec.Result booted;
            try {
                booted = guest.run(GuestExec.Command.of("/usr/bin/test", "-e", BOOT_FINISHED).accepting(0, 1));
            } catch (ActionException e) {
                return notReady("guest agent not answering yet");
            }
            if (booted.exit() != 0) {
                return notReady("first boot not finished");
            }
            GuestExec.Result key = guest.run(GuestExec.Command.of("/usr/bin/cat", HOST_KEY).accepting(0, 1));
            return Map.of("name", name, "ready", true, "host_key", key.exit() == 0 ? hostKey(key.out()) : "");
        } catch (LibvirtException e) {
            throw ActionException.failed("domain " + name + ": " + LibvirtGateway.msg(e));
        } finally {
            LibvirtGateway.free(d);
        }
    }

    /** The {@code ssh-ed25519 <base64>} part of a .pub file, empty unless it is exactly one such key. */
    static String hostKey(String pub) {
        String[] lines = pub.strip().split("\n");
        String[] f = lines[0].strip().split("[ \t]+");
        if (lines.length != 1 || f.length < 2) {
            return "";
        }
        String key = f[0] + " " + f[1];
        return GuestReadiness.isHostKey(key) ? key : "";
    }

    private static Map<String, Object> notReady(String why) {
        return Map.of("ready", false, "why", why);
    }
}
