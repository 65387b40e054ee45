package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * What the token may do: {@code GET /access/permissions?path=…} for each path the provisioner uses,
 * compared with the privileges it needs there (README "The token and its privileges").
 */
public final class TokenCheck {
    private static final List<String> VM = List.of("VM.Allocate", "VM.Clone", "VM.Audit", "VM.PowerMgmt",
            "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Disk", "VM.Config.Network", "VM.Config.Options",
            "VM.Config.Cloudinit", "VM.GuestAgent.Unrestricted");

    private TokenCheck() {
    }

    /** The privileges needed, per ACL path. */
    public static Map<String, List<String>> needed(Settings s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("/pool/" + s.pool(), VM);
        out.put("/storage/" + s.storage(), List.of("Datastore.AllocateSpace", "Datastore.Audit"));
        out.merge("/storage/" + s.importStorage(), List.of("Datastore.AllocateTemplate"), TokenCheck::both);
        out.put("/sdn/zones/localnetwork/" + s.bridge(), List.of("SDN.Use"));
        out.put("/nodes", List.of("Sys.Audit"));
        return out;
    }

    /** The privileges the token lacks, per path (empty = all there). */
    public static Map<String, List<String>> missing(PveClient pve, Settings s) throws PveException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : needed(s).entrySet()) {
            JsonNode have = pve.get("/access/permissions", Params.of().add("path", e.getKey())).path(e.getKey());
            List<String> lack = e.getValue().stream().filter(p -> have.path(p).asInt(0) != 1 && !have.path(p).asBoolean(false)).toList();
            if (!lack.isEmpty()) {
                out.put(e.getKey(), lack);
            }
        }
        return out;
    }

    private static List<String> both(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
