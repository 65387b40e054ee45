package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.path.SmallFiles;

/**
 * A small line-per-entry record in the agent's state directory (root's; at most 64 KiB, not a
 * symlink), rewritten atomically: what the host network should hold, put back when the daemon starts.
 */
final class StateLines {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateLines.class);
    private StateLines() {
    }

    static List<String> read(AgentContext ctx, String file) throws ActionException {
        Path p = ctx.config().stateDir().resolve(file);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String line : SmallFiles.read(p).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw ActionException.failed("the record " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Builds an nft script from a record (empty: nothing to restore). */
    interface Script {
        String build() throws ActionException;
    }

    /** Daemon start: applies the script built from a record, under the firewall lock; a failure is logged. */
    static void restore(AgentContext ctx, String what, Script script) {
        if (ctx.config().hostNetworkDryRun()) {
            return;
        }
        ctx.firewallLock().lock();
        try {
            String s = script.build();
            if (!s.isEmpty()) {
                PortForward.nft(ctx, s);
                LOG.info("restored the {}", what);
            }
        } catch (ActionException e) {
            LOG.warn("{} not restored: {}", what, e.getMessage());
        } finally {
            ctx.firewallLock().unlock();
        }
    }

    static void write(AgentContext ctx, String file, List<String> lines) throws ActionException {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        try {
            SmallFiles.replace(ctx.config().stateDir(), file, b.toString());
        } catch (IOException e) {
            throw ActionException.failed("the record " + file + " cannot be written: " + e.getMessage());
        }
    }
}
