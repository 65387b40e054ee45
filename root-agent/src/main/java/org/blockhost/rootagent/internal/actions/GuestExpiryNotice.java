package org.blockhost.rootagent.internal.actions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Domain;

/**
 * vm-expiry-notice: tells the tenant inside the guest, through the guest agent with fixed argument
 * vectors, when the subscription ends and where to renew. Kind {@code banner} writes the login
 * banner {@value #MOTD} (pam_motd shows it at every login); kind {@code wall} sends the same news to
 * every logged-in terminal ({@code wall}, message on its standard input). The text is built here
 * from the validated expiry (UTC) and renew URL only; no caller text reaches the guest.
 */
public final class GuestExpiryNotice {
    static final String MOTD_DIR = "/etc/motd.d";
    static final String MOTD = MOTD_DIR + "/blockhost";
    /** 2000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, epoch seconds. */
    public static final long MIN_EXPIRY = 946_684_800L;
    public static final long MAX_EXPIRY = 253_402_300_799L;
    /** The buy page over HTTPS: host name, IPv4 or [IPv6], optional port, a plain path (no query, no escapes). */
    public static final String RENEW_URL = "https://([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:.]{2,45}\\])"
            + "(:[0-9]{1,5})?/[A-Za-z0-9._~/-]{0,200}";
    private static final Pattern PORT = Pattern.compile("^https://[^/]*?:([0-9]{1,5})/");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private GuestExpiryNotice() {
    }

    public static Map<String, Object> notice(Args args, AgentContext ctx) throws ActionException {
        String url = args.str("renew_url");
        checkPort(url);
        Instant expiry = Instant.ofEpochSecond(args.num("expires_at"));
        String kind = args.str("kind");
        String name = args.str("name");
        List<GuestExec.Command> plan = plan(kind, expiry, url);
        Domain d = ctx.libvirt().domain(name);
        try {
            GuestExec guest = GuestExec.of(ctx, d, name);
            for (GuestExec.Command c : plan) {
                GuestExec.Result r = guest.run(c);
                if (!c.okExits().contains(r.exit())) {
                    String prog = c.path().substring(c.path().lastIndexOf('/') + 1);
                    throw ActionException.failed(prog + " in the guest exited with " + r.exit());
                }
            }
            return Map.of("name", name, "kind", kind, "expires_at", expiry.getEpochSecond());
        } finally {
            LibvirtGateway.free(d);
        }
    }

    /** The guest commands of one notice. */
    static List<GuestExec.Command> plan(String kind, Instant expiry, String url) {
        if ("wall".equals(kind)) {
            return List.of(GuestExec.Command.of("/usr/bin/wall").reading(wallText(expiry, url)));
        }
        return List.of(GuestExec.Command.of("/usr/bin/mkdir", "-p", MOTD_DIR),
                GuestExec.Command.of("/usr/bin/tee", MOTD).reading(bannerText(expiry, url)));
    }

    static String bannerText(Instant expiry, String url) {
        return "\nThis server's subscription ends on " + WHEN.format(expiry) + ".\n"
                + "Renew it at " + url + " before then: after that it is suspended, and later destroyed.\n\n";
    }

    static String wallText(Instant expiry, String url) {
        return "BlockHost: this server's subscription ends on " + WHEN.format(expiry) + ".\n"
                + "Renew it at " + url + " to keep the server running.\n";
    }

    private static void checkPort(String url) throws ActionException {
        Matcher m = PORT.matcher(url);
        if (m.find() && (Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535)) {
            throw ActionException.rejected("parameter 'renew_url': port out of range 1..65535");
        }
    }
}
