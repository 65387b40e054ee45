package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The packaged bundle in a bare Felix with SCR and Config Admin, next to the api and crypto bundles and the
 * libraries the runtime ships: with its configuration it registers the Engine service with
 * {@code org.blockhost.engine.id=opnet}, answers {@code head()} from the loopback node and its watcher
 * commits to a sink service; uninstalling the bundle takes the service away. API types are used
 * reflectively (the test's class path holds other copies of them).
 */
class EngineInFelixIT {
    private static final String FILTER = "(org.blockhost.engine.id=opnet)";
    private static final String[] LIBRARIES = {"org.apache.aries.spifly.dynamic.DynamicWeavingActivator",
        "org.slf4j.simple.SimpleServiceProvider", "org.slf4j.Logger", "org.objectweb.asm.ClassVisitor",
        "org.objectweb.asm.commons.Remapper", "org.objectweb.asm.tree.ClassNode",
        "org.objectweb.asm.tree.analysis.Analyzer", "org.objectweb.asm.util.Printer",
        "org.apache.felix.scr.impl.Activator", "org.apache.felix.cm.impl.ConfigurationManager",
        "org.osgi.util.function.Function", "org.osgi.service.component.ComponentContext", "org.osgi.util.promise.Promise",
        "org.bouncycastle.jce.provider.BouncyCastleProvider", "com.fasterxml.jackson.annotation.JsonProperty",
        "com.fasterxml.jackson.core.JsonParser", "com.fasterxml.jackson.databind.ObjectMapper",
        "org.blockhost.engine.api.Engine", "org.blockhost.crypto.api.Keccak",
        "jakarta.servlet.Servlet", "org.osgi.service.servlet.context.ServletContextHelper", // the wizard page's imports
        "org.apache.commons.fileupload.FileUpload", "org.apache.commons.io.IOUtils"}; // and the HTTP whiteboard's

    @TempDir
    Path dir;

    @Test
    void bundleActivatesFromConfigurationAndGoesAwayWhenRemoved() throws Exception {
        try (RpcFixture node = new RpcFixture()) {
            node.mineEmpty(5);
            Felix felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, dir.toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    "org.apache.felix.http.host", "127.0.0.1", "org.osgi.service.http.port", "0"));
            felix.start();
            try {
                BundleContext context = felix.getBundleContext();
                List<Bundle> bundles = install(context);
                AtomicInteger commits = new AtomicInteger();
                registerSink(context, bundles.stream().filter(b -> "org.blockhost.api".equals(b.getSymbolicName()))
                        .findFirst().orElseThrow(), commits);
                configure(context, node);
                Object engine = await(() -> {
                    ServiceReference<?>[] refs = context.getAllServiceReferences("org.blockhost.engine.api.Engine", FILTER);
                    return refs == null ? null : context.getService(refs[0]);
                }, "the Engine service appears");
                assertEquals("opnet", engine.getClass().getMethod("id").invoke(engine));
                Object head = engine.getClass().getMethod("head").invoke(engine);
                assertEquals(5L, head.getClass().getMethod("number").invoke(head));
                await(() -> commits.get() > 0 ? commits : null, "the watcher commits inside Felix");
                ServiceReference<?>[] steps = await(() -> {
                    ServiceReference<?>[] refs = context.getAllServiceReferences("org.blockhost.installer.api.FinalizationStep", FILTER);
                    return refs != null && refs.length == 5 ? refs : null;
                }, "the five OPNet finalization steps are registered");
                assertEquals(5, steps.length);
                bundles.get(bundles.size() - 1).uninstall();
                assertNull(context.getAllServiceReferences("org.blockhost.engine.api.Engine", FILTER), "removed with the bundle");
            } finally {
                felix.stop();
                felix.waitForStop(10_000);
            }
        }
    }

    private static List<Bundle> install(BundleContext context) throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String name : LIBRARIES) {
            jars.add(Path.of(Class.forName(name, false, EngineInFelixIT.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        jars.add(Path.of(System.getProperty("felix.http.jar"))); // the HTTP whiteboard (the wizard page)
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of(System.getProperty("engine.dir", "target")),
                "org.blockhost.engine.opnet-*.jar")) {
            found.forEach(jar -> {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) { // not the RpcFixture test-jar
                    jars.add(jar);
                }
            });
        }
        assertEquals(LIBRARIES.length + 2, jars.size(), "the packaged engine jar exists");
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            assertTrue(Files.isRegularFile(jar), jar + " is a jar");
            try (InputStream in = Files.newInputStream(jar)) {
                bundles.add(context.installBundle(jar.toUri().toString(), in));
            }
        }
        for (Bundle b : bundles) { // logging first, as in cnf/runtime.bnd
            if (b.getSymbolicName().startsWith("org.apache.aries.spifly") || b.getSymbolicName().startsWith("slf4j")) {
                b.start();
            }
        }
        for (Bundle b : bundles) {
            b.start();
        }
        return bundles;
    }

    private static void registerSink(BundleContext context, Bundle api, AtomicInteger commits) throws Exception {
        Class<?> type = api.loadClass("org.blockhost.engine.api.ChainEventSink");
        Object sink = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) ->
                switch (m.getName()) {
                    case "commit" -> {
                        commits.incrementAndGet();
                        yield null;
                    }
                    case "cursor" -> Optional.empty();
                    case "reorg" -> List.of();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> "sink";
                });
        context.registerService(type.getName(), sink, null);
    }

    private static void configure(BundleContext context, RpcFixture node) throws Exception {
        Object admin = await(() -> {
            ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            return refs == null ? null : context.getService(refs[0]);
        }, "Config Admin runs");
        Hashtable<String, Object> props = new Hashtable<>(Map.of("rpcUrl", node.url().toString(), "devMode", true,
                "subscriptionsAddress", Events.SUBS, "credentialAddress", Events.CRED, "hostAddress", Events.BUYER,
                "confirmations", 0, "pollIntervalMs", 20L));
        Object config = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, OpnetEngine.PID, "?");
        config.getClass().getMethod("update", java.util.Dictionary.class).invoke(config, props);
    }

    private static <T> T await(Callable<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (T value = probe.call(); ; value = probe.call()) {
            if (value != null) {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(25);
        }
    }
}
