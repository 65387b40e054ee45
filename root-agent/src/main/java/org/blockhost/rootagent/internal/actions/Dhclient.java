package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;

/**
 * The agent's DHCP client for one device: ISC {@code dhclient} with its configuration, pid and
 * lease files in the agent's state directory ({@code dhclient.conf}, {@code dhclient.<device>.pid},
 * {@code dhclient.<device>.leases}); it asks once for at most {@link #LEASE_WAIT_S} seconds, then
 * stays in the background to renew. Only clients started by the agent are stopped by it.
 */
final class Dhclient {
    static final int LEASE_WAIT_S = 15;
    private static final String CONF = "# Written by blockhost-root-agent.\ntimeout " + LEASE_WAIT_S + ";\nretry 30;\n"
            + "initial-interval 1;\nrequest subnet-mask, broadcast-address, routers, domain-name, domain-name-servers;\n";

    /**
     * The client's script ({@code -sf}): Debian's {@code dhclient-script} without its resolv.conf step,
     * which makes a temporary file next to {@code /etc/resolv.conf} — {@code /etc} is read-only under the
     * agent's unit ({@code ProtectSystem=strict}), the script then exits 2 and dhclient declines the
     * lease — followed by the name servers written into {@code /etc/resolv.conf} in place (the one file
     * there the unit may write).
     */
    static final String SCRIPT = "#!/bin/sh\n# Written by blockhost-root-agent: see Dhclient.java.\n"
            + "ns=$new_domain_name_servers; search=${new_domain_search:-$new_domain_name}\n"
            + "unset new_domain_name_servers new_domain_name new_domain_search\n"
            + "/sbin/dhclient-script \"$@\" || exit\n"
            + "case \"$reason\" in BOUND|RENEW|REBIND|REBOOT) ;; *) exit 0 ;; esac\n"
            + "[ -n \"$ns\" ] || exit 0\n"
            + "text=$(if [ -n \"$search\" ]; then echo \"search $search\"; fi; for n in $ns; do echo \"nameserver $n\"; done)\n"
            + "printf '%s\\n' \"$text\" > /etc/resolv.conf || logger -p daemon.err \"blockhost-root-agent: cannot write /etc/resolv.conf\"\n"
            + "exit 0\n";

    private Dhclient() {
    }

    static Path pidFile(AgentContext ctx, String device) {
        return ctx.config().stateDir().resolve("dhclient." + device + ".pid");
    }

    /** Whether the agent's client for this device is running. */
    static boolean running(AgentContext ctx, String device) {
        return pid(ctx, device).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<Long> pid(AgentContext ctx, String device) {
        Path f = pidFile(ctx, device);
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String s = Files.readString(f, StandardCharsets.US_ASCII).strip();
            return s.matches("[1-9][0-9]{0,9}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Asks for a lease (address, default route); false when none came in time. */
    static boolean start(AgentContext ctx, String device) throws ActionException {
        Path dir = ctx.config().stateDir();
        Path conf = dir.resolve("dhclient.conf");
        HostNetwork.write(conf, CONF);
        Path script = dir.resolve("dhclient-script");
        HostNetwork.write(script, SCRIPT);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw ActionException.failed("cannot make the DHCP client's script executable");
        }
        ctx.runner().run(List.of("ip", "link", "set", device, "up"), null, ctx.config().commandTimeout());
        return ctx.runner().run(List.of("dhclient", "-4", "-1", "-cf", conf.toString(), "-sf", script.toString(),
                "-pf", pidFile(ctx, device).toString(),
                "-lf", dir.resolve("dhclient." + device + ".leases").toString(), device), null,
                Duration.ofSeconds(LEASE_WAIT_S + 15)).ok();
    }

    /** Stops the agent's client for this device, if one runs (without releasing the lease). */
    static void stop(AgentContext ctx, String device) throws ActionException {
        Optional<ProcessHandle> p = pid(ctx, device).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (p.isPresent() && p.get().info().command().map(c -> c.endsWith("/dhclient")).orElse(false)) {
            p.get().destroy();
            p.get().onExit().completeOnTimeout(null, 5, java.util.concurrent.TimeUnit.SECONDS).join();
            if (p.get().isAlive()) {
                p.get().destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(pidFile(ctx, device));
        } catch (IOException e) {
            throw ActionException.failed("cannot remove the DHCP client's pid file");
        }
    }
}
