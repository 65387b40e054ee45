package org.blockhost.provisioner.proxmox.internal.vm;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * The expiry notice inside a guest, through the QEMU guest agent with fixed argument vectors (as the
 * libvirt provisioner's root agent action does): {@code BANNER} replaces the login banner
 * {@value #MOTD}, {@code WALL} writes to every logged-in terminal ({@code wall} reading its standard
 * input). The text is built here from the notice's validated time (UTC) and renew URL only.
 */
public final class ExpiryNotices {
    static final String MOTD_DIR = "/etc/motd.d";
    static final String MOTD = MOTD_DIR + "/blockhost";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final GuestOwner agent;

    public ExpiryNotices(GuestOwner agent) {
        this.agent = agent;
    }

    public void send(Guests.Located g, ExpiryNotice n) throws ProvisionerException, PveException {
        for (GuestOwner.Command c : plan(n)) {
            agent.run(g, c);
        }
    }

    static List<GuestOwner.Command> plan(ExpiryNotice n) {
        String when = WHEN.format(n.expiresAt());
        if (n.kind() == ExpiryNotice.Kind.WALL) {
            return List.of(new GuestOwner.Command(List.of("/usr/bin/wall"), "BlockHost: the subscription of this server ends on "
                    + when + ". Renew it at " + n.renewUrl() + " to keep it running.\n", Set.of(0)));
        }
        return List.of(GuestOwner.Command.of(Set.of(0), "/usr/bin/mkdir", "-p", MOTD_DIR),
                new GuestOwner.Command(List.of("/usr/bin/tee", MOTD), "\nThe subscription of this server ends on " + when
                        + ".\nRenew it at " + n.renewUrl() + " before then; afterwards the server is suspended and later"
                        + " destroyed.\n\n", Set.of(0)));
    }
}
