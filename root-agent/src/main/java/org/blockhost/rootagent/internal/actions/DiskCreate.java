package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.path.ConfinedPath;

/**
 * disk-create: {@code qemu-img create -f qcow2 -b <template> -F qcow2 <tmp> [<size>G]} into a fresh
 * temporary file (created 0600 by the agent, exclusively, in the checked VM directory), which is
 * linked to the overlay name only after success; on any failure (non-zero exit, timeout, refused
 * check) it is deleted, so no truncated overlay is ever left under the final name.
 */
public final class DiskCreate {
    private DiskCreate() {
    }

    public static Map<String, Object> create(Args args, AgentContext ctx) throws ActionException {
        ConfinedPath template = args.path("template");
        ConfinedPath overlay = args.path("overlay");
        Path tmp = null;
        try {
            template.recheck();
            overlay.recheck();
            tmp = overlay.createTemp();
            List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                    "-b", template.toString(), "-F", "qcow2", tmp.toString()));
            if (args.has("size_gib")) {
                argv.add(args.num("size_gib") + "G");
            }
            ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
            template.recheck();
            overlay.publish(tmp);
        } catch (IOException e) {
            throw ActionException.failed("disk-create refused: " + e.getMessage());
        } finally {
            if (tmp != null) {
                overlay.discard(tmp);
            }
        }
        return Map.of("overlay", overlay.toString());
    }
}
