package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.blockhost.rootagent.internal.path.Confinement;

/**
 * Before vm-define hands a disk to libvirt (which opens the whole backing chain as root and relabels
 * it for QEMU): {@code qemu-img info --output=json --backing-chain} must show either an image
 * without backing file, or a qcow2 overlay whose only backing file is a qcow2 template in the
 * template directory (no symlinks), itself without backing or external data file. Anything else —
 * a raw backing file such as {@code /etc/passwd} or a block device, a chain through the VM
 * directory, an external data file — is refused.
 */
final class BackingChain {
    private static final ObjectMapper TOOL_JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile(ActionTable.TEMPLATE_FILE);

    private BackingChain() {
    }

    static void check(ConfinedPath disk, AgentContext ctx) throws ActionException {
        String out = ctx.runner().runOk(List.of("qemu-img", "info", "-U", "--output=json", "--backing-chain",
                disk.toString()), null, ctx.config().commandTimeout()).stdout();
        JsonNode chain;
        try {
            chain = TOOL_JSON.readTree(out);
        } catch (IOException e) {
            throw refused("qemu-img info gave no readable answer");
        }
        if (!chain.isArray() || chain.isEmpty()) {
            throw refused("qemu-img info gave no image");
        }
        JsonNode top = chain.get(0);
        noDataFile(top);
        if (!top.has("backing-filename")) {
            if (chain.size() != 1) {
                throw refused("inconsistent backing chain");
            }
            return;
        }
        if (!"qcow2".equals(top.path("format").asText()) || chain.size() != 2) {
            throw refused("only a qcow2 overlay on one template may have a backing file");
        }
        template(top, chain.get(1), ctx);
    }

    private static void template(JsonNode top, JsonNode base, AgentContext ctx) throws ActionException {
        if (!"qcow2".equals(top.path("backing-filename-format").asText()) || !"qcow2".equals(base.path("format").asText())) {
            throw refused("the backing file is not a qcow2 image");
        }
        String file = top.path("full-backing-filename").asText(top.path("backing-filename").asText());
        try {
            ctx.config().confinement(Confinement.Root.TEMPLATES).existingFile(file, TEMPLATE).recheck();
        } catch (IllegalArgumentException | IOException e) {
            throw refused("the backing file is not a template in the template directory");
        }
        if (base.has("backing-filename")) {
            throw refused("the template has a backing file itself");
        }
        noDataFile(base);
    }

    private static void noDataFile(JsonNode image) throws ActionException {
        if (image.path("format-specific").path("data").has("data-file")) {
            throw refused("external data files are not allowed");
        }
    }

    private static ActionException refused(String why) {
        return ActionException.rejected("parameter 'disk': " + why);
    }
}
