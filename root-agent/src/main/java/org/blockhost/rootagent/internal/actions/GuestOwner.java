package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;

/**
 * vm-set-owner, through the guest agent with fixed argument vectors. The guest user's current
 * wallet is read ({@code getent passwd <user>}). Same wallet (e.g. the NFT id written after minting):
 * only {@code usermod -c wallet=<addr>,nft=<id> <user>}. Another wallet, or none readable: the
 * account is first locked out of wallet login (GECOS without {@code wallet=}), the previous
 * holder's processes are killed, their crontab removed, the home reset from {@code /etc/skel}, and
 * only then the new GECOS written, so a failure half-way is retried as an owner change again.
 * The user must not be root or a system account ({@link GuestUsers}), as for seed-create.
 */
public final class GuestOwner {
    /** A GECOS pam_web3 accepts nobody for (it needs {@code wallet=} first): the account during a transfer. */
    static final String TRANSFER_GECOS = "blockhost-transfer";
    /** One set-owner at a time per VM: a pipeline call and a reconciler call must not interleave. */
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    private GuestOwner() {
    }

    /** The guest commands for an owner binding; {@code previous} is the wallet the guest names now. */
    static List<GuestExec.Command> plan(String user, String wallet, String gecos, Optional<String> previous) {
        List<GuestExec.Command> out = new ArrayList<>();
        if (previous.isEmpty() || !previous.get().equalsIgnoreCase(wallet)) {
            String home = "/home/" + user;
            GuestExec.Command kill = GuestExec.Command.of("/usr/bin/pkill", "-KILL", "-u", user).accepting(0, 1);
            out.add(usermod(TRANSFER_GECOS, user));
            out.add(kill);
            out.add(GuestExec.Command.of("/usr/bin/rm", "-f", "/var/spool/cron/crontabs/" + user));
            out.add(kill);
            out.add(GuestExec.Command.of("/usr/bin/find", home, "-mindepth", "1", "-delete").within(30));
            out.add(GuestExec.Command.of("/usr/bin/cp", "-a", "/etc/skel/.", home + "/"));
            out.add(GuestExec.Command.of("/usr/bin/chown", "-R", "-h", user + ":", home).within(20));
        }
        out.add(usermod(gecos, user));
        return out;
    }

    static GuestExec.Command getent(String user) {
        return GuestExec.Command.of("/usr/bin/getent", "passwd", user).accepting(0, 2);
    }

    private static GuestExec.Command usermod(String gecos, String user) {
        return GuestExec.Command.of("/usr/sbin/usermod", "-c", gecos, user);
    }

    /** The wallet in a {@code passwd} line's GECOS ({@code wallet=<addr>,...}), if it has one. */
    static Optional<String> walletOf(String passwdLine) {
        String[] f = passwdLine.strip().split(":", -1);
        if (f.length < 7 || !f[4].startsWith("wallet=")) {
            return Optional.empty();
        }
        String w = f[4].substring("wallet=".length()).split(",", 2)[0];
        return w.matches("[0-9A-Za-z]{1,100}") ? Optional.of(w) : Optional.empty();
    }

    public static Map<String, Object> setOwner(Args args, AgentContext ctx) throws ActionException {
        GuestUsers.check(args.str("user"));
        Wallets.check(args.str("engine"), args.str("wallet"));
        String name = args.str("name");
        String user = args.str("user");
        String gecos = Wallets.gecos(args.str("wallet"), args.str("nft_id"));
        synchronized (LOCKS.computeIfAbsent(name, k -> new Object())) {
            return setOwner(ctx, name, user, args.str("wallet"), gecos);
        }
    }

    private static Map<String, Object> setOwner(AgentContext ctx, String name, String user, String wallet, String gecos)
            throws ActionException {
        Domain d = ctx.libvirt().domain(name);
        try {
            GuestExec guest = GuestExec.of(ctx, d, name);
            GuestExec.Result now = run(guest, getent(user));
            Optional<String> previous = now.exit() == 0 ? walletOf(now.out()) : Optional.empty();
            List<GuestExec.Command> plan = plan(user, wallet, gecos, previous);
            for (GuestExec.Command c : plan) {
                run(guest, c);
            }
            return Map.of("name", name, "gecos", gecos, "evicted", plan.size() > 1);
        } finally {
            LibvirtGateway.free(d);
        }
    }

    /** Runs one guest command; an exit code it does not accept is a failure naming the program. */
    static GuestExec.Result run(GuestExec guest, GuestExec.Command c) throws ActionException {
        GuestExec.Result r = guest.run(c);
        if (!c.okExits().contains(r.exit())) {
            String prog = c.path().substring(c.path().lastIndexOf('/') + 1);
            throw ActionException.failed(prog + " in the guest exited with " + r.exit());
        }
        return r;
    }
}
