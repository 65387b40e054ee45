package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.path.ConfinedPath;

/** disk-create: {@code qemu-img create -f qcow2 -b <template> -F qcow2 <overlay> [<size>G]}. */
public final class DiskCreate {
    private DiskCreate() {
    }

    public static Map<String, Object> create(Args args, AgentContext ctx) throws ActionException {
        ConfinedPath template = args.path("template");
        ConfinedPath overlay = args.path("overlay");
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                "-b", template.toString(), "-F", "qcow2", overlay.toString()));
        if (args.has("size_gib")) {
            argv.add(args.num("size_gib") + "G");
        }
        try {
            template.recheck();
            overlay.recheck();
            ctx.runner().runOk(argv, null, ctx.config().commandTimeout());
            template.recheck();
            overlay.checkCreated();
        } catch (IOException e) {
            deleteQuietly(overlay);
            throw ActionException.failed("disk-create refused: " + e.getMessage());
        }
        return Map.of("overlay", overlay.toString());
    }

    static void deleteQuietly(ConfinedPath p) {
        try {
            if (!Files.isSymbolicLink(p.path())) {
                Files.deleteIfExists(p.path());
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
