package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.blockhost.rootagent.internal.protocol.Wire;

/**
 * H6: the hardened daemon has none of the rights debootstrap needs, so its {@code template-build}
 * hands the validated request to a one-shot systemd unit ({@code blockhost-template-build.service},
 * {@link TemplateRunner}) and waits for it: the request goes to {@code <state-dir>/template-build/
 * request.json}, the unit writes {@code result.json} next to it. Both are the agent protocol's JSON. The
 * build's time is the unit's {@code TimeoutStartSec} ({@link BuildTimeLimit}), read before each build and
 * left for the build in {@code limit-seconds}.
 */
public final class TemplateUnit {
    public static final String DIR = "template-build";
    public static final String REQUEST = "request.json";
    public static final String RESULT = "result.json";
    /** Allowed unit names for {@code --template-unit}. */
    public static final String UNIT_NAME = "[a-z0-9][a-z0-9@._-]{0,80}\\.service";
    /** The agent waits this much longer than the unit's limit: systemd stops the unit first. */
    static final Duration WAIT_MARGIN = Duration.ofMinutes(2);
    private static final Duration SHOW = Duration.ofSeconds(30);

    /** Starts the unit and returns when it has finished or {@code limit} is up (production: {@code systemctl start}). */
    @FunctionalInterface
    public interface Starter {
        CommandRunner.Result start(String unit, Duration limit) throws ActionException;
    }

    private TemplateUnit() {
    }

    /** {@code systemctl start UNIT}: returns once a {@code Type=oneshot} unit has finished. */
    public static Starter systemctl(CommandRunner runner) {
        return (unit, limit) -> runner.run(java.util.List.of("systemctl", "start", unit), null, limit.plus(WAIT_MARGIN));
    }

    /** One build at a time: the unit and its request file are single. */
    static synchronized Map<String, Object> delegate(Args args, AgentContext ctx, String unit) throws ActionException {
        Path dir = ctx.config().stateDir().resolve(DIR);
        Duration limit = BuildTimeLimit.ofUnit(argv -> ctx.runner().run(argv, null, SHOW), unit);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(dir.resolve(RESULT));
            BuildTimeLimit.write(dir, limit);
            SmallFiles.replace(dir, REQUEST, new String(Wire.request("template-build", request(args)),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ActionException.failed("template-build: cannot write the request for " + unit + ": " + e.getMessage());
        }
        CommandRunner.Result r = ctx.templateStarter().start(unit, limit);
        try {
            Path result = dir.resolve(RESULT);
            if (!Files.exists(result, LinkOption.NOFOLLOW_LINKS)) {
                throw ActionException.failed("template-build: " + unit + " ended without a result (exit " + r.exitCode()
                        + ": " + firstLine(r.stderr()) + "); see journalctl -u " + unit);
            }
            return answer(Wire.JSON.readTree(SmallFiles.read(result)));
        } catch (IOException | RuntimeException e) {
            throw ActionException.failed("template-build: unreadable result from " + unit);
        } finally {
            deleteQuietly(dir.resolve(REQUEST));
            deleteQuietly(dir.resolve(RESULT));
            deleteQuietly(dir.resolve(BuildTimeLimit.FILE));
        }
    }

    private static Map<String, Object> request(Args args) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", args.str("name"));
        p.put("packages", args.list("packages"));
        if (args.has("local_packages")) {
            p.put("local_packages", args.list("local_packages"));
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(JsonNode n) throws ActionException {
        if (n.path("ok").asBoolean(false) && n.path("result").isObject()) {
            return Wire.JSON.convertValue(n.get("result"), Map.class);
        }
        String error = n.path("error").asText("no message");
        if ("rejected".equals(n.path("kind").asText())) {
            throw ActionException.rejected(error);
        }
        throw ActionException.failed(error);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 300 ? t.substring(0, 300) : t;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the next request replaces it
        }
    }
}
