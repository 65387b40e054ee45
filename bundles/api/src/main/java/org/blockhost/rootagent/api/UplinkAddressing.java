package org.blockhost.rootagent.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How ifupdown gives an interface its IPv4 addressing: the method ({@code dhcp}, {@code static}, ...)
 * of its {@code iface <name> inet <method>} stanza in an interfaces(5) file (the first one; comments
 * and other files do not count). The one reading of it for the VM bridge: an uplink whose method is
 * {@code dhcp} gets {@code host-bridge-create}'s {@code "addressing":"dhcp"}. The wizard's bridge page
 * calls {@link #dhcp}; the ISO's first boot runs {@link #main} from the root agent's jar (this jar is on
 * its class path).
 */
public final class UplinkAddressing {
    /** The installer's file. */
    public static final Path IFUPDOWN = Path.of("/etc/network/interfaces");

    private UplinkAddressing() {
    }

    /** The method of {@code iface}'s IPv4 stanza in {@code text}, empty without one. */
    public static Optional<String> method(String text, String iface) {
        for (String line : text.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && "iface".equals(f[0]) && f[1].equals(iface) && "inet".equals(f[2])) {
                return Optional.of(f[3]);
            }
        }
        return Optional.empty();
    }

    /** As {@link #method(String, String)} for a file; a missing or unreadable file has no stanza. */
    public static Optional<String> method(Path file, String iface) {
        try {
            return method(Files.readString(file, StandardCharsets.UTF_8), iface);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether ifupdown leases {@code iface}'s address by DHCP according to {@code file}. */
    public static boolean dhcp(Path file, String iface) {
        return method(file, iface).filter("dhcp"::equals).isPresent();
    }

    /** {@code INTERFACE FILE}: prints the method (nothing without a stanza); exit 2 on bad usage. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: UplinkAddressing INTERFACE FILE");
            System.exit(2);
        }
        method(Path.of(args[1]), args[0]).ifPresent(System.out::println);
    }
}
