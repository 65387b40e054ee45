package org.blockhost.installer.internal.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IPv4 setting for one of this machine's interfaces, checked before the root agent is asked:
 * a known, non-loopback interface and either DHCP ({@code mode=dhcp}: {@code host-net-dhcp}; the
 * static fields are ignored) or static ({@code host-net-apply}): an IPv4 address, a prefix of 8 to
 * 30, a gateway that is another host of that subnet, up to four DNS servers. Messages are fixed
 * sentences by field (the input is never echoed).
 */
public record InterfaceChange(String device, boolean dhcp, String address, int prefix, String gateway, List<String> dns) {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
            + "|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

    /** The change, or the problems by field ({@code device}, {@code address}, {@code prefix}, {@code gateway}, {@code dns}). */
    public record Result(Optional<InterfaceChange> change, Map<String, String> problems) {
    }

    public static Result parse(Map<String, String> form, Set<String> devices) {
        Map<String, String> p = new LinkedHashMap<>();
        String device = form.getOrDefault("device", "").strip();
        String mode = form.getOrDefault("mode", "static").strip();
        if (mode.equals("dhcp")) {
            if (!devices.contains(device)) {
                p.put("device", "Choose one of this machine's interfaces.");
                return new Result(Optional.empty(), p);
            }
            return new Result(Optional.of(new InterfaceChange(device, true, "", 0, "", List.of())), Map.of());
        }
        if (!mode.equals("static") && !mode.isEmpty()) {
            p.put("mode", "Choose DHCP or a static address.");
        }
        String address = form.getOrDefault("address", "").strip();
        String prefix = form.getOrDefault("prefix", "").strip();
        String gateway = form.getOrDefault("gateway", "").strip();
        if (!devices.contains(device)) {
            p.put("device", "Choose one of this machine's interfaces.");
        }
        if (!V4.matcher(address).matches()) {
            p.put("address", "Enter an IPv4 address like 192.0.2.10.");
        }
        if (!prefix.matches("[0-9]{1,2}") || Integer.parseInt(prefix) < 8 || Integer.parseInt(prefix) > 30) {
            p.put("prefix", "Enter a prefix length from 8 to 30 (24 is 255.255.255.0).");
        }
        if (!V4.matcher(gateway).matches()) {
            p.put("gateway", "Enter the gateway's IPv4 address like 192.0.2.1.");
        } else if (!p.containsKey("address") && !p.containsKey("prefix")
                && (gateway.equals(address) || net(gateway, Integer.parseInt(prefix)) != net(address, Integer.parseInt(prefix)))) {
            p.put("gateway", "The gateway must be another address in the same subnet as the interface.");
        }
        List<String> dns = dns(form.getOrDefault("dns", ""), p);
        return p.isEmpty() ? new Result(Optional.of(new InterfaceChange(device, false, address, Integer.parseInt(prefix), gateway,
                dns)), Map.of()) : new Result(Optional.empty(), p);
    }

    private static List<String> dns(String text, Map<String, String> problems) {
        List<String> out = new ArrayList<>();
        for (String d : text.strip().split("[,\\s]+")) {
            if (!d.isEmpty()) {
                out.add(d);
            }
        }
        if (out.size() > 4 || out.stream().anyMatch(d -> !V4.matcher(d).matches() && !(V6.matcher(d).matches() && d.contains(":")))) {
            problems.put("dns", "Enter up to four DNS server addresses, separated by commas.");
        }
        return out;
    }

    private static long net(String v4, int prefix) {
        long v = 0;
        for (String part : v4.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v >>> (32 - prefix);
    }

    /** The root agent's action: {@code host-net-dhcp} or {@code host-net-apply}. */
    public String action() {
        return dhcp ? "host-net-dhcp" : "host-net-apply";
    }

    /** The root agent's parameters. */
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        if (dhcp) {
            return m;
        }
        m.put("address", address);
        m.put("prefix", prefix);
        m.put("gateway", gateway);
        if (!dns.isEmpty()) {
            m.put("dns", dns);
        }
        return m;
    }

    /** The plan in words. */
    public String plan() {
        if (dhcp) {
            return device + ": address, gateway and DNS from DHCP";
        }
        return device + ": static " + address + "/" + prefix + ", gateway " + gateway
                + (dns.isEmpty() ? "" : ", DNS " + String.join(", ", dns));
    }
}
