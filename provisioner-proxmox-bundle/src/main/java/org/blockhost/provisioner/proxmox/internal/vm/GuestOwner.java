package org.blockhost.provisioner.proxmox.internal.vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.proxmox.internal.PamSettings;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Set-owner through the QEMU guest agent ({@code agent/exec}, fixed argument vectors, no shell),
 * with the root agent's {@code vm-set-owner} semantics: the current wallet is read
 * ({@code getent passwd}); the same wallet only rewrites the GECOS; another (or none) first locks
 * wallet login, kills the previous holder's processes, removes their crontab and resets the home
 * from {@code /etc/skel}, then writes {@code wallet=<addr>,nft=<id>}.
 */
public final class GuestOwner {
    static final String TRANSFER_GECOS = "blockhost-transfer";
    private final Guests guests;
    private final Duration timeout;

    private final Optional<PamSettings> login;

    /** One command, its standard input (or null) and the exit codes that count as success. */
    record Command(List<String> argv, String input, Set<Integer> ok) {
        static Command of(Set<Integer> ok, String... argv) {
            return new Command(List.of(argv), null, ok);
        }
    }

    public GuestOwner(Guests guests, Duration timeout, Optional<PamSettings> login) {
        this.guests = guests;
        this.timeout = timeout;
        this.login = login;
    }

    /** Writes {@code /etc/pam_web3.conf} (when configured), then the owner binding. */
    public void set(Guests.Located g, String name, String user, OwnerBinding owner) throws ProvisionerException, PveException {
        if (login.isPresent()) {
            run(g, new Command(List.of("/usr/bin/tee", "/etc/pam_web3.conf"), login.get().conf(name), Set.of(0)));
        }
        String passwd = run(g, Command.of(Set.of(0, 2), "/usr/bin/getent", "passwd", user));
        for (Command c : plan(user, owner, walletOf(passwd))) {
            run(g, c);
        }
    }

    static List<Command> plan(String user, OwnerBinding owner, Optional<String> previous) {
        List<Command> out = new ArrayList<>();
        Set<Integer> zero = Set.of(0);
        if (previous.isEmpty() || !previous.get().equalsIgnoreCase(owner.wallet())) {
            String home = "/home/" + user;
            Command kill = Command.of(Set.of(0, 1), "/usr/bin/pkill", "-KILL", "-u", user);
            out.add(Command.of(zero, "/usr/sbin/usermod", "-c", TRANSFER_GECOS, user));
            out.add(kill);
            out.add(Command.of(zero, "/usr/bin/rm", "-f", "/var/spool/cron/crontabs/" + user));
            out.add(kill);
            out.add(Command.of(zero, "/usr/bin/find", home, "-mindepth", "1", "-delete"));
            out.add(Command.of(zero, "/usr/bin/cp", "-a", "/etc/skel/.", home + "/"));
            out.add(Command.of(zero, "/usr/bin/chown", "-R", "-h", user + ":", home));
        }
        out.add(Command.of(zero, "/usr/sbin/usermod", "-c", owner.gecos(), user));
        return out;
    }

    /** The wallet in a passwd line's GECOS ({@code wallet=<addr>,...}). */
    static Optional<String> walletOf(String passwd) {
        String[] f = passwd.strip().split(":", -1);
        if (f.length < 7 || !f[4].startsWith("wallet=")) {
            return Optional.empty();
        }
        String w = f[4].substring("wallet=".length()).split(",", 2)[0];
        return w.matches("[0-9A-Za-z]{1,128}") ? Optional.of(w) : Optional.empty();
    }

    /** Runs one command to its end; answers its standard output. */
    String run(Guests.Located g, Command c) throws ProvisionerException, PveException {
        return run(g, c, true);
    }

    /** As {@link #run(Guests.Located, Command)}; a command that fails is retryable only when {@code retryFailure}. */
    String run(Guests.Located g, Command c, boolean retryFailure) throws ProvisionerException, PveException {
        long pid = guests.exec(g, c.argv(), c.input());
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 50;
        while (true) {
            JsonNode st = guests.execStatus(g, pid);
            if (st.path("exited").asBoolean() || st.path("exited").asInt() == 1) {
                int exit = st.path("exitcode").asInt(-1);
                if (!c.ok().contains(exit)) {
                    String prog = c.argv().get(0).substring(c.argv().get(0).lastIndexOf('/') + 1);
                    throw new ProvisionerException(prog + " in the guest exited with " + exit, retryFailure);
                }
                return st.path("out-data").asText("");
            }
            if (System.nanoTime() > deadline) {
                throw new ProvisionerException(c.argv().get(0) + " in the guest did not finish in " + timeout.toSeconds() + " s", true);
            }
            pause(sleep);
            sleep = Math.min(sleep * 2, 1000);
        }
    }

    private static void pause(long ms) throws ProvisionerException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted", true, e);
        }
    }
}
