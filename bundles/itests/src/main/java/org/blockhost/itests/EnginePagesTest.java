package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Both real engine bundles installed, both configured: they claim the same public paths ({@code /}, {@code /servers},
 * {@code /sign}, {@code /api/public/chain}), and only the active engine's pages answer. The EVM bundle starts first, so
 * its servlets would have the lower service ids and win every shared path on the whiteboard, although core uses the
 * OPNet engine (configured first). When the OPNet engine goes, the EVM engine takes over and its pages answer. With no
 * engine active (before either is configured, and after both have gone) {@code /} is the web bundle's "not selling
 * servers yet" page instead of a bare 404.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class EnginePagesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** anvil's first well-known dev account (public test key): the EVM engine needs a host key file to start. */
    private static final String DEV_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final List<String> JARS = List.of("reactive-streams", "rxjava", "Java-WebSocket", "org.blockhost.web3j",
            "org.blockhost.engine.evm", "org.blockhost.engine.opnet");

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    @TempDir
    Path dir;

    private final List<Bundle> installed = new ArrayList<>();
    private final List<Configuration> configured = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Configuration c : configured) {
            c.delete();
        }
        for (Bundle b : installed) {
            b.uninstall();
        }
    }

    @Test
    void onlyTheActiveEnginesPublicPagesAnswer() throws Exception {
        Harness web = new Harness(context);
        for (String jar : JARS) {
            Path file = Path.of(context.getProperty("blockhost.testplugins"), jar + ".jar");
            installed.add(context.installBundle(file.toUri().toString()));
        }
        for (Bundle b : installed) {
            b.start();
        }
        assertNotSelling(web, "both engine bundles started, neither configured");
        configure("org.blockhost.engine.opnet", Map.of("rpcUrl", "http://127.0.0.1:9/", "devMode", true,
                "subscriptionsAddress", "0x" + "5a".repeat(32), "credentialAddress", "0x" + "c3".repeat(32),
                "hostAddress", "0x" + "b1".repeat(32)));
        awaitActive("opnet");
        configure("org.blockhost.engine.evm", Map.of("chainId", 31337L, "rpcUrl", "http://127.0.0.1:9/", "devMode", true,
                "subscriptionsAddress", "0x" + "5a".repeat(20), "credentialAddress", "0x" + "c3".repeat(20),
                "hostKeyFile", hostKey().toString()));
        Harness.await("both engines registered", WAIT, () -> engines() == 2);

        awaitServing(web, "opnet");
        assertEquals(404, web.get("/buyer/buyer.css").statusCode(), "the inactive EVM engine's assets");
        assertEquals("opnet", context.getService(context.getServiceReference(ActiveEngine.class)).id());

        configured.remove(0).delete(); // the OPNet engine goes: core takes the EVM engine
        awaitActive("evm");
        awaitServing(web, "evm");
        assertEquals(404, web.get("/opnet-sign/sign.css").statusCode(), "the gone OPNet engine's assets");

        configured.remove(0).delete(); // the EVM engine goes too: no engine, the placeholder is back
        Harness.await("no active engine", WAIT, () -> context.getServiceReference(ActiveEngine.class) == null);
        assertNotSelling(web, "both engines gone");
    }

    /** {@code /} is the platform's "not selling yet" page: the surface's headers, no script, no link, no setup hint. */
    private static void assertNotSelling(Harness web, String when) throws Exception {
        try {
            Harness.awaitChecked("the not-selling page on /", WAIT, () -> web.get("/").statusCode() == 200);
        } catch (AssertionError e) {
            throw new AssertionError(when + ": / answered " + web.get("/").statusCode(), e);
        }
        HttpResponse<String> page = web.get("/");
        String body = page.body();
        assertTrue(body.contains("No servers for sale here yet") && body.contains("come back later"), when + ": " + body);
        for (String hidden : List.of("<script", "<a ", "href=\"/setup", "setup", "admin", "code", "engine")) {
            assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(hidden), when + ": the page shows '" + hidden + "'");
        }
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""), "an engine's page replaces it at once");
        assertEquals(404, web.get("/servers").statusCode(), when + ": only / is answered");
        assertEquals(404, web.get("/nothing-here").statusCode(), when);
    }

    private static void awaitServing(Harness web, String engine) throws Exception {
        try {
            Harness.awaitChecked("the " + engine + " engine's pages on the shared paths", WAIT, () -> serves(web, engine));
        } catch (AssertionError e) {
            String page = web.get("/").body();
            throw new AssertionError(e.getMessage() + "; / answered: " + page.substring(0, Math.min(300, page.length())), e);
        }
    }

    /** Whether {@code /}, {@code /servers} and {@code /sign} are the pages of {@code engine} and its assets answer. */
    private static boolean serves(Harness web, String engine) throws IOException, InterruptedException {
        String asset = "evm".equals(engine) ? "/buyer/" : "/opnet-sign/";
        String other = "evm".equals(engine) ? "/opnet-sign/" : "/buyer/";
        for (String path : List.of("/", "/servers", "/sign")) {
            String page = web.get(path).body();
            if (!page.contains(asset) || page.contains(other)) {
                return false;
            }
        }
        return web.get("evm".equals(engine) ? "/buyer/buyer.css" : "/opnet-sign/sign.css").statusCode() == 200;
    }

    private void configure(String pid, Map<String, Object> props) throws IOException {
        Configuration c = admin.getConfiguration(pid, "?");
        c.update(new Hashtable<>(props));
        configured.add(c);
    }

    private Path hostKey() throws IOException {
        Path key = dir.resolve("evm-host.key");
        Files.writeString(key, DEV_KEY);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    private int engines() {
        try {
            var refs = context.getServiceReferences(Engine.class, null);
            return refs.size();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitActive(String id) throws InterruptedException {
        Harness.await("core's active engine " + id, WAIT, () -> {
            var ref = context.getServiceReference(ActiveEngine.class);
            return ref != null && id.equals(ref.getProperty(EngineId.PROPERTY));
        });
    }
}
