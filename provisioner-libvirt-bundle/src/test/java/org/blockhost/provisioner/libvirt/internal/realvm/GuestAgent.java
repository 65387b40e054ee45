package org.blockhost.provisioner.libvirt.internal.realvm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Test-only reads inside the guest through qemu-guest-agent (guest-exec with captured output). */
final class GuestAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Domain domain;

    GuestAgent(Connect c, String name) throws LibvirtException {
        this.domain = c.domainLookupByName(name);
    }

    boolean ping() {
        try {
            domain.qemuAgentCommand("{\"execute\":\"guest-ping\"}", 5, 0);
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** Starts a program and returns at once (for one that does not exit by itself). */
    void spawn(String path, List<String> args) throws Exception {
        String req = JSON.writeValueAsString(Map.of("execute", "guest-exec", "arguments", Map.of("path", path, "arg", args)));
        domain.qemuAgentCommand(req, 10, 0);
    }

    String exec(String path, List<String> args) throws Exception {
        String req = JSON.writeValueAsString(Map.of("execute", "guest-exec", "arguments",
                Map.of("path", path, "arg", args, "capture-output", true)));
        long pid = JSON.readTree(domain.qemuAgentCommand(req, 10, 0)).path("return").path("pid").asLong();
        String status = JSON.writeValueAsString(Map.of("execute", "guest-exec-status", "arguments", Map.of("pid", pid)));
        for (int i = 0; i < 100; i++) {
            JsonNode r = JSON.readTree(domain.qemuAgentCommand(status, 10, 0)).path("return");
            if (r.path("exited").asBoolean()) {
                return new String(Base64.getDecoder().decode(r.path("out-data").asText("")), StandardCharsets.UTF_8);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("guest-exec did not finish");
    }
}
