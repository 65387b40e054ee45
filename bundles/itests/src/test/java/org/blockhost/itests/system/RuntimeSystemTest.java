package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported runtime as a separate process: hot deploy, the operator CLI, bad input, restart. */
class RuntimeSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void hotDeploysAndUndeploysAPluginAndReportsTimes() throws Exception {
        try (RuntimeProcess rt = RuntimeProcess.start(tmp.resolve("home"))) {
            assertEquals(503, RuntimeProcess.status(rt.url + "/ready"));
            assertTrue(rt.log().contains("BlockHost dev runtime is up at " + rt.url), rt.log());
            rt.signInToSetup();
            long t0 = System.nanoTime();
            Path jar = rt.deploy("engine");
            long deployMs = rt.awaitPage("/setup/test-engine", 200, WAIT)
                   ;
            deployMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            Files.delete(jar);
            rt.awaitPage("/setup/test-engine", 404, WAIT);
            long undeployMs = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("system test: start %d ms, RSS %d MiB, hot deploy %d ms, undeploy %d ms%n",
                    rt.startMillis, rt.rssMiB(), deployMs, undeployMs);
            assertTrue(deployMs < 10_000 && undeployMs < 10_000);
        }
    }

    @Test
    void operatorCliTalksToTheRuntime() throws Exception {
        try (RuntimeProcess rt = RuntimeProcess.start(tmp.resolve("home"))) {
            rt.deploy("engine");
            rt.deploy("provisioner");
            RuntimeProcess.awaitStatus(rt.url + "/ready", 200, WAIT);
            RuntimeProcess.CliResult status = rt.cli("status");
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().contains("engine:      test-engine"), status.output());
            RuntimeProcess.CliResult plugins = rt.cli("plugins", "--json");
            assertEquals(0, plugins.exit(), plugins.output());
            assertTrue(plugins.output().contains("\"id\" : \"test-provisioner\""), plugins.output());
            RuntimeProcess.CliResult unknown = rt.cli("frobnicate");
            assertEquals(2, unknown.exit());
            assertTrue(unknown.output().contains("unknown command 'frobnicate'")
                    && unknown.output().contains("plugins, setup, status"), unknown.output());

            // dev mode shows the setup code for the console in <state>/web/issue (production: /etc/issue.d)
            Path issue = rt.home.resolve("state/web/issue");
            awaitIssue(issue, codeIn(rt.cli("setup", "code")));

            Path answers = tmp.resolve("answers.cfg");
            Files.write(answers, List.of("# dev answers", "test.name = demo"));
            RuntimeProcess.CliResult setup = rt.cli("setup", "--answers", answers.toString());
            assertEquals(0, setup.exit(), setup.output());
            assertTrue(setup.output().contains("setup complete"), setup.output());
            RuntimeProcess.awaitStatus(rt.url + "/setup/test-engine", 404, WAIT); // setup closes /setup
            assertEquals(404, RuntimeProcess.status(rt.url + "/setup/login"));
            awaitIssue(issue, null);
            RuntimeProcess.CliResult code = rt.cli("setup", "code");
            assertTrue(code.exit() != 0 && code.output().contains("setup reopen"), "no code once /setup is closed: " + code.output());
            RuntimeProcess.CliResult reopen = rt.cli("setup", "reopen");
            assertEquals(0, reopen.exit(), reopen.output());
            assertTrue(reopen.output().matches("(?s).*setup code: [A-HJKMNP-Z2-9]{6}.*"), reopen.output());
            awaitIssue(issue, codeIn(reopen));
            assertFalse(rt.log().contains(codeIn(reopen)), "a setup code is a secret: never in the log");
            assertFalse(rt.log().matches("(?s).*setup code:? [A-HJKMNP-Z2-9]{6}\\b.*"), "not even the first one");
            assertEquals(RuntimeProcess.SERVED, RuntimeProcess.status(rt.url + "/setup/test-engine"));
            assertEquals(0, rt.cli("setup", "close").exit());
            awaitIssue(issue, null);
            assertEquals(404, RuntimeProcess.status(rt.url + "/setup/test-engine"));
            Files.write(answers, List.of("test.name = demo", "test.colour = blue"));
            RuntimeProcess.CliResult bad = rt.cli("setup", "--answers", answers.toString());
            assertEquals(2, bad.exit(), bad.output());
            assertTrue(bad.output().contains(answers + ":2: unknown field"), bad.output());
            assertFalse(bad.output().contains("colour"), "no text of the file is echoed: " + bad.output());
            // the launcher sends the file's text; a path that reaches the runtime is never opened
            RuntimeProcess.CliResult raw = rt.cli("setup", "--answers", answers.toString(), "again");
            assertEquals(2, raw.exit(), raw.output());
            assertTrue(raw.output().contains("the runtime does not open answers files"), raw.output());
        }
    }

    @Test
    void aCorruptJarIsLoggedWithItsNameAndTheRuntimeKeepsServing() throws Exception {
        try (RuntimeProcess rt = RuntimeProcess.start(tmp.resolve("home"))) {
            Files.write(rt.home.resolve("plugins/corrupt.jar"), "not a zip".getBytes());
            rt.deploy("engine");
            rt.awaitPage("/setup/test-engine", 200, WAIT);
            long end = System.nanoTime() + WAIT.toNanos();
            while (!rt.log().contains("corrupt.jar") && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertTrue(rt.log().contains("corrupt.jar"), rt.log());
            assertEquals(200, RuntimeProcess.status(rt.url + "/health"));
        }
    }

    @Test
    void aPluginRemovedWhileStoppedIsGoneAfterRestart() throws Exception {
        Path home = tmp.resolve("home");
        Path jar;
        try (RuntimeProcess rt = RuntimeProcess.start(home)) {
            jar = rt.deploy("engine");
            rt.awaitPage("/setup/test-engine", 200, WAIT);
        }
        Files.delete(jar);
        try (RuntimeProcess rt = RuntimeProcess.start(home)) {
            Thread.sleep(1500);
            assertEquals(404, rt.pageStatus("/setup/test-engine"));
            RuntimeProcess.CliResult plugins = rt.cli("plugins");
            assertFalse(plugins.output().contains("test-engine"), plugins.output());
        }
    }

    @Test
    void aConfigFileInPlaceAtFirstStartIsAppliedAndNeverRewritten() throws Exception {
        Path home = tmp.resolve("home");
        Path cfg = Files.createDirectories(home.resolve("etc")).resolve("org.blockhost.core.readiness.cfg");
        Files.writeString(cfg, "# operator's file\nengine = other-engine\n");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(cfg);
        try (RuntimeProcess rt = RuntimeProcess.start(home)) {
            rt.deploy("engine");
            rt.deploy("provisioner");
            rt.awaitPage("/setup/test-provisioner", 200, WAIT);
            long end = System.nanoTime() + WAIT.toNanos();
            while (!rt.get("/ready").contains("engine:other-engine") && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertTrue(rt.get("/ready").contains("engine:other-engine"), "the .cfg was applied: " + rt.get("/ready"));
            assertEquals("# operator's file\nengine = other-engine\n", Files.readString(cfg));
            assertEquals(written, Files.getLastModifiedTime(cfg), "the runtime never writes the operator's file");
        }
    }

    @Test
    void theCliWithoutARuntimeSaysSoAndExits2() throws Exception {
        RuntimeProcess.CliResult r = RuntimeProcess.CliResult.run(List.of("bash",
                RuntimeProcess.ROOT.resolve("blockhost").toString(), "status", "--home", tmp.toString()));
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("no runtime is running"), r.output());
    }

    private static String codeIn(RuntimeProcess.CliResult result) {
        assertEquals(0, result.exit(), result.output());
        return result.output().replaceAll("(?s).*setup code: ([A-HJKMNP-Z2-9]{6}).*", "$1");
    }

    /** Waits until the console notice shows this code (null: until it is gone). */
    private static void awaitIssue(Path issue, String code) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = Files.exists(issue) ? Files.readString(issue) : null;
            if (code == null ? text == null : text != null && text.contains(code)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("console notice " + issue + " is " + text + ", wanted code " + code);
            }
            Thread.sleep(100);
        }
    }
}
