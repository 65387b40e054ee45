package org.blockhost.core.internal.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The credentials plaintext sealed into the NFT:
 * {@code {"v":1,"vm":…,"host":…,"port":…,"user":…}} plus {@code "ipv6"} (the VM's own IPv6
 * address) and {@code "hostKey"} (the guest's ed25519 SSH host key) when they are known. Outside dev mode the host a buyer connects to is never a
 * loopback name or address: such details are refused, never sealed.
 */
public final class Credentials {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Credentials() {
    }

    /**
     * Compact JSON; the host is the VM's reported address, else the configured public host.
     *
     * @throws IllegalArgumentException outside dev mode when that host is {@code localhost} or loopback
     */
    /** The optional fields; empty or null strings are left out. */
    public record Extras(String hostKey, String ipv6) {
    }

    public static byte[] plaintext(String vm, String address, int sshPort, Extras extras, PipelineSettings s) {
        String host = address == null || address.isBlank() ? s.publicHost() : address;
        if (!s.devMode() && isLoopback(host)) {
            throw new IllegalArgumentException("the connection details would name " + host + ", which no buyer can reach:"
                    + " set the host's public name or address (setup's Network page, org.blockhost.core.pipeline publicHost)"
                    + " and a provisioner network that gives VMs a reachable address or port, then retry");
        }
        ObjectNode json = MAPPER.createObjectNode().put("v", 1).put("vm", vm).put("host", host)
                .put("port", sshPort == 0 ? 22 : sshPort).put("user", s.guestUser());
        if (extras.ipv6() != null && !extras.ipv6().isEmpty()) {
            json.put("ipv6", extras.ipv6());
        }
        if (extras.hostKey() != null && !extras.hostKey().isEmpty()) {
            json.put("hostKey", extras.hostKey());
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code localhost} (and its subdomains), 127.0.0.0/8, {@code ::1} and the unspecified addresses. */
    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.isEmpty() || h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.[0-9]{1,3}){3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0") || h.equals("::");
    }
}
