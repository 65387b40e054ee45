package org.blockhost.rootagent.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR, Config Admin, SPI Fly, Jackson, slf4j and JNA:
 * the RootAgent service in daemon mode (embedded junixsocket, native library loaded inside the
 * bundle) against a daemon, then in in-process mode (embedded libvirt-java over JNA) against
 * {@code test:///default}. Runs in {@code integration-test} (failsafe), after the jar is built.
 */
class RootAgentBundleIT {
    static final String[] BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-", "org.apache.felix.scr",
        "org.apache.felix.configadmin", "asm-9", "asm-commons", "asm-tree", "asm-analysis", "asm-util",
        "org.apache.aries.spifly.dynamic.bundle", "slf4j-api", "slf4j-simple", "jackson-annotations",
        "jackson-core", "jackson-databind", "jna-5", "org.blockhost.api"};

    @TempDir
    Path dir;

    @Test
    void serviceWorksInFelixInBothModes() throws Exception {
        try (Daemon daemon = TestSupport.startInJvm(dir.resolve("daemon"))) {
            Framework fw = start();
            try {
                BundleContext ctx = fw.getBundleContext();
                configure(ctx, Map.of("mode", "daemon", "socketPath", dir.resolve("daemon/agent.sock").toString()));
                assertEquals(Map.of("pong", true), call(ctx, "ping", Map.of()));
                configure(ctx, Map.of("mode", "inprocess", "devDir", dir.resolve("dev").toString(), "group", "daemon"));
                Object r = call(ctx, "vm-define", Map.of("name", "blockhost-077", "vcpus", 1, "memory_mib", 128,
                        "virt_type", "qemu"));
                assertTrue(r.toString().contains("blockhost-077"), r.toString());
                assertEquals("running", ((Map<?, ?>) call(ctx, "vm-start", Map.of("name", "blockhost-077"))).get("state"));
            } finally {
                fw.stop();
                fw.waitForStop(10_000);
            }
        }
    }

    private Framework start() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("org.osgi.framework.storage", dir.resolve("felix").toString());
        props.put("org.osgi.framework.storage.clean", "onFirstInit");
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        fw.start();
        List<Bundle> bundles = new ArrayList<>();
        List<String> cp = List.of(Files.readString(Path.of(System.getProperty("blockhost.test.classpath.file"))).strip().split(":"));
        for (String name : BUNDLES) {
            String jar = cp.stream().filter(p -> Path.of(p).getFileName().toString().startsWith(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("not on the classpath: " + name));
            bundles.add(fw.getBundleContext().installBundle(Path.of(jar).toUri().toString()));
        }
        bundles.add(fw.getBundleContext().installBundle(Path.of(System.getProperty("blockhost.test.bundle")).toUri().toString()));
        for (Bundle b : bundles) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
        return fw;
    }

    private static void configure(BundleContext ctx, Map<String, Object> values) throws Exception {
        Object ca = ctx.getService(await(ctx, "org.osgi.service.cm.ConfigurationAdmin"));
        Object conf = ca.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(ca, "org.blockhost.rootagent", "?");
        Dictionary<String, Object> d = new Hashtable<>(values);
        Method update = conf.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(conf, d);
        Thread.sleep(1500);
    }

    private static ServiceReference<?> await(BundleContext ctx, String service) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        ServiceReference<?> ref = null;
        while (ref == null && System.currentTimeMillis() < deadline) {
            // all, not just class-compatible ones: the test class path has its own copies of the API
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(service, null);
            ref = refs == null ? null : refs[0];
            Thread.sleep(100);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle b : ctx.getBundles()) {
            states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        assertNotNull(ref, service + " registered; bundles: " + states);
        return ref;
    }

    private static Object call(BundleContext ctx, String action, Map<String, Object> params) throws Exception {
        Object svc = ctx.getService(await(ctx, "org.blockhost.rootagent.api.RootAgent"));
        Method m = svc.getClass().getMethod("call", String.class, Map.class);
        m.setAccessible(true);
        try {
            return m.invoke(svc, action, params);
        } catch (InvocationTargetException e) {
            throw new AssertionError(action + " failed: " + e.getCause(), e.getCause());
        }
    }
}
