package org.blockhost.provisioner.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether a VM's guest reported that its first boot finished (so its SSH port answers), read
 * through the guest agent, with the guest's SSH host key once it has one.
 *
 * @param tracked the provisioner can tell (false: it has no guest channel, nobody waits for it)
 * @param ready the guest finished its first boot (only when tracked)
 * @param hostKey the guest's ed25519 SSH host key as an OpenSSH public key line
 *        ({@code ssh-ed25519 AAAA…}, no comment), empty when not known
 */
public record GuestReadiness(boolean tracked, boolean ready, String hostKey) {
    private static final Pattern HOST_KEY = Pattern.compile("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}");

    /** Still booting (or the guest agent does not answer yet). */
    public static final GuestReadiness NOT_READY = new GuestReadiness(true, false, "");
    /** The provisioner cannot tell whether its guests finished booting. */
    public static final GuestReadiness UNTRACKED = new GuestReadiness(false, false, "");

    public GuestReadiness {
        Objects.requireNonNull(hostKey, "hostKey");
        if (ready && !tracked) {
            throw new IllegalArgumentException("an untracked guest cannot be ready");
        }
        if (!hostKey.isEmpty() && !HOST_KEY.matcher(hostKey).matches()) {
            throw new IllegalArgumentException("hostKey is not an ssh-ed25519 public key line");
        }
    }

    /** The guest finished its first boot; {@code hostKey} empty when it could not be read. */
    public static GuestReadiness ready(String hostKey) {
        return new GuestReadiness(true, true, hostKey);
    }

    /** Whether a text is an ed25519 OpenSSH public key line this record accepts. */
    public static boolean isHostKey(String line) {
        return line != null && HOST_KEY.matcher(line).matches();
    }
}
