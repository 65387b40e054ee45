package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.Map;
import org.blockhost.engine.opnet.internal.RpcFixture;
import org.blockhost.itests.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The engine swap on a running dev stack (issue #22): the EVM engine's jar leaves the plugins folder, the OPNet
 * engine's jar and configuration (a loopback OPNet node: the engine module's {@link RpcFixture}) arrive, and the
 * runtime switches engines without a restart; {@code /ready} and {@code blockhost plugins} say which is active
 * at every point; the OPNet node going down leaves core serving (the engine's calls are fenced).
 */
final class EngineSwap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
    private final DevStack dev;
    private final String http;

    EngineSwap(DevStack dev) {
        this.dev = dev;
        this.http = dev.field("httpUrl");
    }

    /** Runs the swap; returns the milliseconds from the OPNet jar's arrival to {@code /ready} naming it. */
    long evmToOpnet() throws Exception {
        long runtimePid = dev.pid("runtime");
        long millis;
        awaitReady(200, "evm");
        assertEquals(List.of("evm"), activeEngines(), "before the swap");
        try (RpcFixture node = new RpcFixture()) {
            node.genesisHash(REGTEST_GENESIS);
            node.mineEmpty(5);
            writeConfig("org.blockhost.engine.opnet", "rpcUrl=" + node.url(), "devMode=true",
                    "subscriptionsAddress=0x" + "5a".repeat(32), "credentialAddress=0x" + "c3".repeat(32),
                    "hostAddress=0x" + "b1".repeat(32), "pollIntervalMs=200");
            Path plugins = dev.home().resolve("plugins");
            Files.delete(plugins.resolve("engine-evm.jar"));
            awaitReady(503, null);
            assertEquals(List.of(), activeEngines(), "EVM engine removed");
            long t0 = System.nanoTime();
            Path part = plugins.resolve(".engine-opnet.jar.part");
            Files.copy(opnetJar(), part);
            Files.move(part, plugins.resolve("engine-opnet.jar"), StandardCopyOption.ATOMIC_MOVE);
            JsonNode expectingEvm = awaitReady(503, "opnet"); // active, but readiness still names evm
            millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("engine:evm", expectingEvm.get("missing").get(0).asText(), expectingEvm.toString());
            writeConfig("org.blockhost.core.readiness", "engine=opnet", "provisioner=libvirt");
            awaitReady(200, "opnet");
            assertEquals(List.of("opnet"), activeEngines(), "after the swap");
            awaitMetric("blockhost_chain_lag_blocks{engine=\"opnet\"}"); // core committed its cursor and read its head
            wizardPage(node);
            signPage();
            fastRetries();
            serversPage(node);
            nodeDownIsFenced(node);
        }
        assertTrue(DevStack.alive(runtimePid), "the same runtime process throughout (no restart)");
        return millis;
    }

    /**
     * The OPNet engine's wizard page in Chromium (setup reopened with a code from the CLI, closed again after):
     * listed in the step bar, screenshots light and dark, axe-core; a bad plan price refused by the installer's
     * answer checks, then the form saved after the live node check.
     */
    private void wizardPage(RpcFixture node) throws Exception {
        RuntimeProcess.CliResult reopen = cli("setup", "reopen");
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("setup code: ([A-Z0-9]{6})").matcher(reopen.output());
        assertTrue(reopen.exit() == 0 && code.find(), reopen.output());
        Path key = dev.home().resolve("etc/keys/opnet-host.key");
        Files.writeString(key, "abandon ".repeat(11) + "about\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        String base = dev.field("httpsUrl");
        AdminSignInSystemTest.pinnedClient(base, dev.field("tlsFingerprint"));
        List<String> violations = new ArrayList<>();
        try (Browser browser = Browser.start()) {
            ChromeDriver driver = browser.driver();
            driver.get(base + "/setup/");
            driver.findElement(By.id("code")).sendKeys(code.group(1));
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPageText("Set up this host", 20);
            assertTrue(driver.getPageSource().contains("Bitcoin (OPNet)"), "the step bar lists the OPNet page");
            driver.get(base + "/setup/opnet-chain");
            look(browser, "setup-opnet-chain", violations);
            Map<String, String> form = Map.of("rpcUrl", node.url().toString(), "hostKeyFile", key.toString(),
                    "hostAddress", "0x" + "b1".repeat(32), "subscriptionsAddress", "0x" + "5a".repeat(32),
                    "credentialAddress", "0x" + "c3".repeat(32), "plans", "100000,0", "adminAddress", "0x" + "77".repeat(32));
            form.forEach((id, value) -> driver.findElement(By.id(id)).sendKeys(value));
            new Select(driver.findElement(By.id("network"))).selectByVisibleText("regtest");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            assertTrue(browser.awaitPageText("Nothing was saved", 20).contains("Each price must be"), "bad price refused");
            driver.executeScript("document.getElementById('plans').scrollIntoView({block: 'center'})");
            look(browser, "setup-opnet-chain-refused", violations);
            driver.findElement(By.id("plans")).clear();
            driver.findElement(By.id("plans")).sendKeys("100000,250000");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPageText("Saved. The node answered at block", 20);
            assertTrue(!driver.getPageSource().contains("abandon"), "the mnemonic is never on the page");
            look(browser, "setup-opnet-chain-saved", violations);
        }
        assertEquals(List.of(), violations, "serious or critical axe-core violations");
        String steps = cli("setup", "status").output();
        for (String step : List.of("opnet.node", "opnet.contracts", "opnet.plans", "opnet.admin-credential", "opnet.engine-config")) {
            assertTrue(steps.contains(step), "the runtime lists the OPNet finalization steps: " + steps);
        }
        assertEquals(0, cli("setup", "close").exit());
    }

    /** The engine's {@code /sign} page with a test OP_WALLET ({@link OpnetSignPage}). */
    private void signPage() throws Exception {
        List<String> violations = new ArrayList<>();
        new OpnetSignPage(dev, opnetJar()).check(violations);
        assertEquals(List.of(), violations, "serious or critical axe-core violations on /sign");
    }

    /**
     * Core's pipeline retries a waiting stage within 2 s instead of up to 5 min (the OPNet purchase the buy page follows
     * waits at the mint until the test's node shows it minted): the dev home's pipeline configuration plus one line.
     */
    private void fastRetries() throws IOException {
        Path cfg = dev.home().resolve("etc/org.blockhost.core.pipeline.cfg");
        List<String> lines = new ArrayList<>(Files.exists(cfg) ? Files.readAllLines(cfg) : List.of());
        lines.add("backoffMaxMillis=2000");
        writeConfig("org.blockhost.core.pipeline", lines.toArray(String[]::new));
    }

    /** The engine's {@code /servers} page with the test OP_WALLET and a credential double on the node ({@link OpnetServersPage}). */
    private void serversPage(RpcFixture node) throws Exception {
        List<String> violations = new ArrayList<>();
        new OpnetServersPage(dev).check(node, violations);
        assertEquals(List.of(), violations, "serious or critical axe-core violations on /servers");
    }

    static void look(Browser browser, String name, List<String> violations) throws IOException {
        browser.screenshots(name);
        browser.darkScreenshots(name);
        browser.seriousViolations().forEach(v -> violations.add(name + ": " + v));
        browser.colorScheme("dark");
        browser.seriousViolations().forEach(v -> violations.add(name + " (dark): " + v));
        browser.colorScheme("light");
    }

    private RuntimeProcess.CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", dev.home().toString()));
        return RuntimeProcess.CliResult.run(cmd);
    }

    /** The OPNet node answers 503: the lifecycle's head read fails inside the fence, core keeps serving. */
    private void nodeDownIsFenced(RpcFixture node) throws Exception {
        Path log = dev.home().resolve("logs/runtime.log");
        long offset = Files.size(log);
        node.down(true);
        await("the lifecycle's fenced head read failing", () -> {
            String text = DevStack.read(log);
            return text.length() > offset && text.substring((int) offset).contains("chain head unknown");
        });
        assertEquals(200, RuntimeProcess.status(http + "/health"));
        JsonNode ready = readyBody();
        assertEquals("opnet", ready.get("engine").asText(), ready.toString());
        assertEquals(List.of("opnet"), activeEngines(), "the engine stays active while its node is down");
        assertTrue(DevStack.read(log).substring((int) offset).lines().noneMatch(l -> l.contains(node.url().toString())),
                "the RPC URL is never logged");
    }

    private JsonNode awaitReady(int status, String engine) throws Exception {
        JsonNode[] last = new JsonNode[1];
        int[] code = new int[1];
        try {
            await("/ready " + status + " naming " + engine, () -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                code[0] = r.statusCode();
                last[0] = JSON.readTree(r.body());
                JsonNode e = last[0].get("engine");
                return code[0] == status && (engine == null ? e == null || e.isNull() : engine.equals(e.asText()));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last: " + code[0] + " " + last[0], e);
        }
        return last[0];
    }

    private JsonNode readyBody() throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(http + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** {@code blockhost plugins --json}: the ids of the active engines. */
    private List<String> activeEngines() throws Exception {
        RuntimeProcess.CliResult r = cli("plugins", "--json");
        assertEquals(0, r.exit(), r.output());
        List<String> ids = new ArrayList<>();
        String out = r.output();
        for (JsonNode p : JSON.readTree(out.substring(Math.max(0, out.indexOf('['))))) {
            if ("ENGINE".equals(p.get("kind").asText()) && "ACTIVE".equals(p.get("state").asText())) {
                ids.add(p.get("id").asText());
            }
        }
        return ids;
    }

    private void awaitMetric(String sample) throws Exception {
        await("/metrics " + sample, () -> HTTP.send(HttpRequest.newBuilder(URI.create(http + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(sample));
    }

    /** Writes {@code <etc>/PID.cfg} as an operator (or a package) would: temporary name, then rename. */
    private void writeConfig(String pid, String... lines) throws IOException {
        Path etc = dev.home().resolve("etc");
        Path part = etc.resolve("." + pid + ".cfg.part");
        Files.write(part, List.of(lines));
        Files.move(part, etc.resolve(pid + ".cfg"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path opnetJar() throws IOException {
        Predicate<Path> bundle = p -> p.getFileName().toString().matches("org\\.blockhost\\.engine\\.opnet-[^-]+(-SNAPSHOT)?\\.jar");
        try (Stream<Path> files = Files.list(RuntimeProcess.ROOT.resolve("engine-opnet-bundle/target"))) {
            return files.filter(bundle).findFirst().orElseThrow(() -> new AssertionError("engine-opnet-bundle is not built"));
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
