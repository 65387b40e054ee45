package org.blockhost.rootagent.internal.actions;

import java.util.Set;

import org.blockhost.rootagent.internal.action.ActionException;

/**
 * The tenant's login in the guest must be an ordinary user: never root, nor a system account of
 * the Debian template (base-passwd's static users with uid below 1000 and the service users its
 * packages create), nor a name in the system namespaces ({@code _apt}, {@code systemd-*}).
 */
final class GuestUsers {
    static final Set<String> RESERVED = Set.of("root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail",
            "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "nogroup", "sshd",
            "messagebus", "polkitd", "tss", "uuidd", "tcpdump", "dnsmasq", "libvirt-qemu", "statd", "ntp",
            "operator", "adm", "staff", "sudo", "wheel", "shadow", "utmp", "tty", "disk", "kmem", "dialout", "cdrom",
            "floppy", "audio", "video", "plugdev", "netdev", "users", "input", "kvm", "render", "crontab",
            "blockhost");

    private GuestUsers() {
    }

    static void check(String user) throws ActionException {
        if (RESERVED.contains(user) || user.startsWith("_") || user.startsWith("systemd-")) {
            throw ActionException.rejected("parameter 'user': '" + user + "' is root or a system account");
        }
    }
}
