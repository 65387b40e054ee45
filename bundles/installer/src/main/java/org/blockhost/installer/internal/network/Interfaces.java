package org.blockhost.installer.internal.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** This machine's network interfaces and their addresses, read-only. */
public final class Interfaces {
    /** One interface: name, whether it is up, its addresses with their prefix lengths. */
    public record Nic(String name, boolean up, boolean loopback, List<String> addresses) {
    }

    private Interfaces() {
    }

    /** The interfaces, sorted by name; empty when the system refuses to list them. */
    public static List<Nic> list() {
        List<Nic> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<String> addresses = new ArrayList<>();
                nic.getInterfaceAddresses().forEach(a -> addresses.add(text(a.getAddress()) + "/" + a.getNetworkPrefixLength()));
                out.add(new Nic(nic.getName(), nic.isUp(), nic.isLoopback(), List.copyOf(addresses)));
            }
        } catch (SocketException e) {
            return List.of();
        }
        out.sort(java.util.Comparator.comparing(Nic::name));
        return out;
    }

    /** Each interface that is a port of another device (a bridge), with that device's name; empty when unreadable. */
    public static Map<String, String> masters() {
        return masters(Path.of("/sys/class/net"));
    }

    static Map<String, String> masters(Path sysClassNet) {
        Map<String, String> out = new HashMap<>();
        try (DirectoryStream<Path> nics = Files.newDirectoryStream(sysClassNet)) {
            for (Path nic : nics) {
                Path master = nic.resolve("master");
                if (Files.isSymbolicLink(master)) {
                    out.put(nic.getFileName().toString(), Files.readSymbolicLink(master).getFileName().toString());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    static String text(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        return a instanceof java.net.Inet6Address ? compress(zone < 0 ? s : s.substring(0, zone)) : s;
    }

    /** The usual short form of a full IPv6 address: the longest run of two or more zero groups becomes "::". */
    static String compress(String full) {
        String[] g = full.split(":");
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; i++) {
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
        }
        if (best < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, best));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, best + bestLen, g.length));
        return head + "::" + tail;
    }
}
