package org.blockhost.core.internal.pipeline;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The credentials plaintext sealed into the NFT: {@code {"v":1,"vm":…,"host":…,"port":…,"user":…}}. */
public final class Credentials {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Credentials() {
    }

    /** Compact JSON; the host is the VM's reported address, else the configured public host. */
    public static byte[] plaintext(String vm, String address, int sshPort, PipelineSettings s) {
        String json = MAPPER.createObjectNode().put("v", 1).put("vm", vm)
                .put("host", address == null || address.isBlank() ? s.publicHost() : address)
                .put("port", sshPort == 0 ? 22 : sshPort).put("user", s.guestUser()).toString();
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
