package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.AuditLog;
import org.blockhost.rootagent.internal.action.Caller;
import org.blockhost.rootagent.internal.action.Dispatcher;
import org.blockhost.rootagent.internal.daemon.DaemonArgs;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * H6: the daemon hands template-build to {@code blockhost-template-build.service}. systemd is not PID 1
 * here, so the test plays its part: it runs the unit's {@code ExecStart} (its main class and flags,
 * paths mapped to a temp layout) in a new JVM, as root, exactly when the agent would start the unit.
 */
class TemplateUnitTest {
    static final String UNIT = "blockhost-template-build.service";
    @TempDir
    Path dir;
    DaemonArgs args;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestSupport.isRoot(), "the daemon's layout must be root's");
        args = DaemonArgs.parse(TestSupport.flags(dir, "--template-unit", UNIT).toArray(String[]::new));
    }

    @Test
    void theDaemonHandsTheBuildToTheUnitAndReturnsItsResult() throws Exception {
        Recipe recipe = new Recipe("debian-12", List.of("zsh", "openssh-server"));
        String sha = record(recipe);
        List<String> started = new ArrayList<>();
        Map<String, Object> r = call((unit, limit) -> {
            started.add(unit);
            assertTrue(Files.exists(requestFile()), "the request is there when the unit starts");
            // no systemd here: the unit's limit cannot be read, so the packaged 45 min, left for the build
            assertEquals(BuildTimeLimit.PACKAGED, limit);
            assertEquals("2700", read(limitFile()));
            return runUnit();
        }, List.of("openssh-server", "zsh"));
        assertEquals(List.of(UNIT), started);
        assertEquals(sha, r.get("sha256"));
        assertEquals(true, r.get("reused"));
        assertEquals(dir.resolve("templates/debian-12-" + recipe.id() + ".qcow2").toString(), r.get("path"));
        assertFalse(Files.exists(requestFile()), "request removed");
        assertFalse(Files.exists(requestFile().resolveSibling(TemplateUnit.RESULT)), "result removed");
        assertFalse(Files.exists(limitFile()), "limit removed");
        assertTrue(Files.readString(dir.resolve("state/audit.log")).contains("template-build"), "audited by the agent");
    }

    @Test
    void theUnitValidatesTheRequestAgainAndBuildsNothingForABadOne() throws Exception {
        ActionException e = assertThrows(ActionException.class, () -> call((unit, limit) -> {
            try {
                Files.writeString(requestFile(), "{\"action\":\"template-build\",\"params\":{\"name\":\"t\","
                        + "\"packages\":[\"zsh;reboot\"]}}");
            } catch (java.io.IOException x) {
                throw new IllegalStateException(x);
            }
            return runUnit();
        }, List.of("zsh")));
        assertEquals(ActionException.Kind.REJECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("packages"), e.getMessage());
        try (var s = Files.list(dir.resolve("templates"))) {
            assertEquals(List.of(), s.toList(), "nothing built");
        }
    }

    @Test
    void aUnitThatDiesWithoutAResultIsAFailureNamingTheJournal() {
        ActionException e = assertThrows(ActionException.class,
                () -> call((unit, limit) -> new CommandRunner.Result(1, "", "Job for " + unit + " failed.\nmore"), List.of("zsh")));
        assertEquals(ActionException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("journalctl -u " + UNIT) && e.getMessage().contains("Job for"), e.getMessage());
    }

    @Test
    void theUnitsBuildTakesTheLimitTheAgentLeftIt() throws Exception {
        record(new Recipe("debian-12", List.of("zsh")));
        call((unit, limit) -> {
            try {
                Files.writeString(limitFile(), "9000"); // as if the unit's TimeoutStartSec were 2h 30min
            } catch (java.io.IOException x) {
                throw new IllegalStateException(x);
            }
            return runUnit();
        }, List.of("zsh"));
        String log = read(dir.resolve("unit.log"));
        assertTrue(log.contains("the build may take 150 min"), log);
    }

    @Test
    void badUnitNamesAreRefusedAtStart() {
        for (String bad : new String[] {"x", "../x.service", "a b.service", "-x.service", "x.service;reboot"}) {
            assertThrows(IllegalArgumentException.class, () -> DaemonArgs.parse("--template-unit", bad), bad);
        }
    }

    private Map<String, Object> call(TemplateUnit.Starter starter, List<String> packages) throws Exception {
        try (AgentContext ctx = new AgentContext(args.config(), args.templateUnit(), starter);
                AuditLog audit = new AuditLog(args.config().stateDir())) {
            ObjectMapper m = new ObjectMapper();
            return new Dispatcher(ctx, audit).call("template-build",
                    m.valueToTree(Map.of("name", "debian-12", "packages", packages)), Caller.self());
        }
    }

    private Path limitFile() {
        return requestFile().resolveSibling(BuildTimeLimit.FILE);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path requestFile() {
        return dir.resolve("state").resolve(TemplateUnit.DIR).resolve(TemplateUnit.REQUEST);
    }

    /** The unit's ExecStart with its production paths mapped into the test layout, in a new JVM. */
    private CommandRunner.Result runUnit() {
        try {
            List<String> exec = UnitFiles.execStart(UnitFiles.read(UNIT));
            int main = exec.indexOf("org.blockhost.rootagent.internal.template.TemplateRunner");
            assertTrue(main > 0, "ExecStart runs TemplateRunner: " + exec);
            String cp = System.getProperty("blockhost.test.classes") + ":"
                    + Files.readString(Path.of(System.getProperty("blockhost.test.classpath.file"))).strip();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, exec.get(main)));
            for (String a : exec.subList(main + 1, exec.size())) {
                cmd.add(a.replace("/var/lib/blockhost/root-agent", dir.resolve("state").toString())
                        .replace("/var/lib/blockhost/templates", dir.resolve("templates").toString())
                        .replace("/var/lib/blockhost/vms", dir.resolve("vms").toString())
                        .replace("/etc/blockhost/keys", dir.resolve("keys").toString()));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("unit.log").toFile()).start();
            return new CommandRunner.Result(p.waitFor(), "", Files.readString(dir.resolve("unit.log")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String record(Recipe recipe) throws Exception {
        Path t = dir.resolve("templates");
        String base = recipe.name() + "-" + recipe.id();
        Path img = Files.write(t.resolve(base + ".qcow2"), new byte[] {1, 2, 3});
        String sha = TemplateStore.sha256(img);
        Files.writeString(t.resolve(base + ".sha256"), sha + "\n");
        Files.writeString(t.resolve(base + ".recipe"), recipe.text());
        return sha;
    }
}
