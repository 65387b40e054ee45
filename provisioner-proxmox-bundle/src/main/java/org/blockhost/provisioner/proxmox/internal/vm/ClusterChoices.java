package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * What the wizard offers, as the API reports it: the online nodes, the storages and the bridges of
 * the nodes in scope (one node, or all online ones), and the privileges the token lacks.
 *
 * @param missing privileges the token lacks, per ACL path ({@link TokenCheck})
 */
public record ClusterChoices(List<String> nodes, List<String> storages, List<String> bridges,
        Map<String, List<String>> missing) {

    /** Reads the choices for the settings' nodes (all online nodes when none are set). */
    public static ClusterChoices read(PveClient pve, Settings s) throws PveException {
        ClusterView v = ClusterView.read(pve);
        List<String> online = v.nodes().stream().filter(ClusterView.Node::online).map(ClusterView.Node::name).sorted().toList();
        List<String> scope = online.stream().filter(n -> s.nodes().isEmpty() || s.nodes().contains(n)).toList();
        TreeSet<String> storages = new TreeSet<>();
        v.storages().stream().filter(x -> scope.contains(x.node())).forEach(x -> storages.add(x.id()));
        TreeSet<String> bridges = new TreeSet<>();
        for (String n : scope) {
            for (JsonNode i : pve.get("/nodes/" + Params.enc(n) + "/network", Params.of().add("type", "any_bridge"))) {
                bridges.add(i.path("iface").asText());
            }
        }
        return new ClusterChoices(online, List.copyOf(storages), List.copyOf(bridges), TokenCheck.missing(pve, s));
    }

    /** Why the settings' node, storage or bridge is not among these choices, or null. */
    public String unknown(Settings s) {
        for (String n : s.nodes()) {
            if (!nodes.contains(n)) {
                return "node " + n + " is not an online node of the cluster";
            }
        }
        if (!storages.contains(s.storage())) {
            return "storage " + s.storage() + " is not on the chosen node(s)";
        }
        return bridges.contains(s.bridge()) ? null : "bridge " + s.bridge() + " is not on the chosen node(s)";
    }

    /** The missing privileges in one line: {@code /pool/blockhost: VM.Clone, VM.Audit; /nodes: Sys.Audit}. */
    public String missingText() {
        StringBuilder b = new StringBuilder();
        missing.forEach((path, privs) -> b.append(b.length() == 0 ? "" : "; ").append(path).append(": ")
                .append(String.join(", ", privs)));
        return b.toString();
    }
}
