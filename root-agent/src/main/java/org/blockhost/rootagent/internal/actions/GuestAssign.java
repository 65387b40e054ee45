package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vm-assign: makes a booted warm-pool guest the buyer's in <b>one</b> guest-agent command: the
 * agent's fixed script {@code guest-assign.sh} (a resource of this jar, never built from input) run
 * as {@code /bin/sh -c <script> vm-assign <hostname> [<user> <gecos>]}, the validated values as
 * positional parameters only. It sets the host name ({@code /etc/hostname}, {@code hostname},
 * {@code /etc/hosts}) so that a reboot keeps it (cloud-init: {@code preserve_hostname}, and
 * {@code update_etc_hosts} out of its module list, since user-data's {@code manage_etc_hosts}
 * outranks a drop-in), pam_web3's {@code machine =} line, removes every SSH host key and makes one
 * ed25519 key (no RSA: seconds under TCG), writes the buyer's GECOS ({@code wallet=<addr>,nft=0}) when
 * the account is the pool's or already this wallet's, makes the running sshd read its keys again (SIGHUP; restarts it
 * only when none runs), prints each step's time in the guest (logged) and the new public key.
 * Safe to repeat: a repeat makes a new host key again.
 */
public final class GuestAssign {
    static final String SCRIPT = resource("guest-assign.sh");
    static final String NAME = "vm-assign";
    private static final Logger LOG = LoggerFactory.getLogger(GuestAssign.class);
    private static final Pattern STEPS = Pattern.compile("steps:( [a-z-]{1,20} -?[0-9]{1,7}ms){0,10}");

    private GuestAssign() {
    }

    public static Map<String, Object> assign(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        String hostname = args.str("hostname");
        List<String> owner = new ArrayList<>();
        if (args.has("wallet") != args.has("user") || args.has("wallet") != args.has("engine")) {
            throw ActionException.rejected("user, engine and wallet go together (the buyer as owner) or not at all");
        }
        if (args.has("wallet")) {
            GuestUsers.check(args.str("user"));
            Wallets.check(args.str("engine"), args.str("wallet"));
            owner = List.of(args.str("user"), Wallets.gecos(args.str("wallet"), "0"));
        }
        Domain d = ctx.libvirt().domain(name);
        try {
            long t0 = System.nanoTime();
            GuestExec.Result r = GuestOwner.run(GuestExec.of(ctx, d, name), command(hostname, owner));
            String key = GuestReady.hostKey(lastLine(r.out()));
            if (key.isEmpty()) {
                throw ActionException.failed("the guest made no ed25519 host key");
            }
            LOG.info("vm-assign {} as {}: {} ms (one guest command; in the guest:{})", name, hostname,
                    (System.nanoTime() - t0) / 1_000_000, steps(r.out()));
            return Map.of("name", name, "hostname", hostname, "host_key", key, "owner_set", !owner.isEmpty());
        } finally {
            LibvirtGateway.free(d);
        }
    }

    /** The one guest command: the fixed script, the host name and optionally user and GECOS as its arguments. */
    static GuestExec.Command command(String hostname, List<String> owner) {
        List<String> argv = new ArrayList<>(List.of("-c", SCRIPT, NAME, hostname));
        argv.addAll(owner);
        return GuestExec.Command.of("/bin/sh", argv.toArray(String[]::new)).within(60);
    }

    /** The script's {@code steps:} line (each step's time in the guest), only when it has the expected form. */
    static String steps(String out) {
        return out.lines().filter(l -> STEPS.matcher(l).matches()).map(l -> l.substring("steps:".length()))
                .findFirst().orElse(" ?");
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String resource(String file) {
        try (InputStream in = GuestAssign.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
