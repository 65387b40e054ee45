package org.blockhost.provisioner.proxmox.internal.pve;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One line describing a refused PVE call: status, PVE's reason and its per-parameter errors. */
final class ErrorText {
    private static final int MAX = 600;

    private ErrorText() {
    }

    static String of(String method, String path, int status, String reason, JsonNode root) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(": HTTP ").append(status);
        if (reason != null && !reason.isBlank()) {
            sb.append(' ').append(reason.strip());
        }
        if (root != null && root.hasNonNull("message")) {
            sb.append(": ").append(root.get("message").asText().strip());
        }
        if (root != null && root.path("errors").isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = root.get("errors").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append("; ").append(e.getKey()).append(": ").append(e.getValue().asText().strip());
            }
        }
        String s = sb.toString().replaceAll("[\\r\\n\\t]+", " ");
        return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    }
}
