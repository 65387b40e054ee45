package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.daemon.DaemonArgs;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program of {@code blockhost-template-build.service} (H6): reads the request the agent left in
 * {@code <state-dir>/template-build/request.json}, validates it again with the action table's
 * {@code template-build} parameters (the file is the agent's, but it is checked like any input), builds
 * (or reuses) the template in this process and writes {@code result.json}. Takes the daemon's
 * directory flags. Exit 0 on success, 1 on a refused or failed build, 2 on bad flags.
 */
public final class TemplateRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRunner.class);

    private TemplateRunner() {
    }

    public static void main(String[] argv) {
        System.exit(run(DaemonArgs.parseOrExit(argv).config()) ? 0 : 1);
    }

    /** Runs the pending request and writes its result; true when the build succeeded. */
    public static boolean run(AgentConfig config) {
        Path dir = config.stateDir().resolve(TemplateUnit.DIR);
        byte[] answer;
        boolean ok = false;
        Duration limit = BuildTimeLimit.read(dir);
        LOG.info("template-build: the build may take {} min", limit.toMinutes());
        try (AgentContext ctx = AgentContext.templateRunner(config, limit)) {
            answer = Wire.ok(build(dir, ctx));
            ok = true;
        } catch (ActionException e) {
            LOG.warn("template-build {}: {}", e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
            answer = Wire.error(e.kind(), e.getMessage());
        }
        try {
            SmallFiles.replace(dir, TemplateUnit.RESULT, new String(answer, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("template-build: cannot write {}: {}", dir.resolve(TemplateUnit.RESULT), e.getMessage());
            return false;
        }
        return ok;
    }

    private static Map<String, Object> build(Path dir, AgentContext ctx) throws ActionException {
        byte[] request;
        try {
            request = SmallFiles.read(dir.resolve(TemplateUnit.REQUEST)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ActionException.failed("no template-build request: " + e.getMessage());
        }
        Wire.Request req = Wire.parseRequest(request);
        if (!"template-build".equals(req.action()) || !(req.params() instanceof ObjectNode params)) {
            throw ActionException.rejected("the template unit runs template-build requests only");
        }
        try {
            ctx.config().checkRoots(false);
        } catch (IOException e) {
            throw ActionException.rejected(e.getMessage());
        }
        Args args = ActionTable.get("template-build").validate(params, ctx.config());
        return TemplateBuild.build(args, ctx);
    }
}
