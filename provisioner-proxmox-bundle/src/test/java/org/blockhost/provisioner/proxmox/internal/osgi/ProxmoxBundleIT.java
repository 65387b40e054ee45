package org.blockhost.provisioner.proxmox.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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

import org.blockhost.provisioner.proxmox.internal.SimHarness;
import org.blockhost.provisioner.proxmox.internal.sim.PveTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR, Config Admin, slf4j and Jackson: no Provisioner
 * until configured; once configured against the PVE double (CA file, token key file) it creates,
 * reports and destroys a VM. Runs in {@code integration-test} (failsafe), after the jar is built.
 */
class ProxmoxBundleIT {
    static final String[] BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
        "org.apache.felix.scr", "org.apache.felix.configadmin", "asm-9", "asm-commons", "asm-tree", "asm-analysis",
        "asm-util", "org.apache.aries.spifly.dynamic.bundle", "slf4j-api", "slf4j-simple", "jackson-annotations",
        "jackson-core", "jackson-databind", "org.apache.felix.http.servlet-api", "org.blockhost.api-"};
    static final String PROVISIONER = "org.blockhost.provisioner.api.Provisioner";
    static final String ID = "(org.blockhost.provisioner.id=proxmox)";

    @TempDir
    Path dir;

    @Test
    void provisionerWorksInFelixOnceConfigured() throws Exception {
        try (SimHarness sim = new SimHarness(dir)) {
            Framework fw = start();
            try {
                BundleContext ctx = fw.getBundleContext();
                Thread.sleep(1000);
                assertNull(ctx.getAllServiceReferences(PROVISIONER, ID), "nothing active without configuration");
                assertNotNull(await(ctx, "org.blockhost.installer.api.FinalizationStep", ID), "the finalization step");
                registerSetupService(ctx);
                assertNotNull(await(ctx, "jakarta.servlet.Servlet", "(org.blockhost.wizard.step.id=proxmox)"), "the wizard page");
                configure(ctx, "org.blockhost.provisioner.proxmox", Map.of("apiUrl", sim.server.url(),
                        "tokenId", PveTestServer.TOKEN_ID, "tokenSecretFile", sim.keyFile.toString(),
                        "caFile", sim.caFile.toString()));
                Object prov = ctx.getService(await(ctx, PROVISIONER, ID));
                invoke(prov, "create", spec(prov.getClass().getClassLoader()));
                assertEquals("ACTIVE", invoke(prov, "status", "blockhost-088").toString());
                invoke(prov, "destroy", "blockhost-088");
                assertEquals("DESTROYED", invoke(prov, "status", "blockhost-088").toString());
                assertEquals(List.of(), sim.server.violations());
            } finally {
                fw.stop();
                fw.waitForStop(10_000);
            }
        }
    }

    /** An installer stand-in: the wizard page needs a setup service (answers empty, nothing else used here). */
    private static void registerSetupService(BundleContext ctx) throws Exception {
        Bundle api = java.util.Arrays.stream(ctx.getBundles()).filter(b -> "org.blockhost.api".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        Class<?> type = api.loadClass("org.blockhost.installer.api.SetupService");
        Object setup = java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> m.getReturnType() == Map.class ? Map.of() : null);
        ctx.registerService(type.getName(), setup, null);
    }

    private static Object spec(ClassLoader cl) throws Exception {
        Class<?> plan = cl.loadClass("org.blockhost.provisioner.api.PlanResources");
        Class<?> net = cl.loadClass("org.blockhost.provisioner.api.NetworkAllocation");
        Class<?> vmSpec = cl.loadClass("org.blockhost.provisioner.api.VmSpec");
        Object resources = plan.getConstructor(int.class, int.class, int.class).newInstance(1, 256, 2);
        return vmSpec.getConstructors()[0].newInstance("blockhost-088", "0x52908400098527886E0F7030069857D2E4169EE7",
                resources, "debian-12", "user", "blockhost-088", net.getMethod("dynamic").invoke(null));
    }

    /** Provides the osgi.http implementation capability the whiteboard servlet requires (no Jetty here). */
    private Path httpStandIn() throws Exception {
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "test.http.standin");
        mf.getMainAttributes().putValue("Provide-Capability", "osgi.implementation;osgi.implementation=\"osgi.http\";version:Version=\"2.0\"");
        Path jar = dir.resolve("http-standin.jar");
        new java.util.jar.JarOutputStream(Files.newOutputStream(jar), mf).close();
        return jar;
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
            String jar = cp.stream().filter(p -> Path.of(p).getFileName().toString().startsWith(name)
                    && !p.endsWith("-tests.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("not on the classpath: " + name));
            bundles.add(fw.getBundleContext().installBundle(Path.of(jar).toUri().toString()));
        }
        bundles.add(fw.getBundleContext().installBundle(httpStandIn().toUri().toString()));
        bundles.add(fw.getBundleContext().installBundle(Path.of(System.getProperty("blockhost.test.bundle")).toUri().toString()));
        for (Bundle b : bundles) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
        return fw;
    }

    private static void configure(BundleContext ctx, String pid, Map<String, Object> values) throws Exception {
        Object ca = ctx.getService(await(ctx, "org.osgi.service.cm.ConfigurationAdmin", null));
        Object conf = ca.getClass().getMethod("getConfiguration", String.class, String.class).invoke(ca, pid, "?");
        Method update = conf.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(conf, new Hashtable<>(values));
    }

    private static ServiceReference<?> await(BundleContext ctx, String service, String filter) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        ServiceReference<?> ref = null;
        while (ref == null && System.currentTimeMillis() < deadline) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(service, filter);
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

    private static Object invoke(Object target, String name, Object arg) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                m.setAccessible(true);
                try {
                    return m.invoke(target, arg);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(name + " failed: " + e.getCause(), e.getCause());
                }
            }
        }
        throw new NoSuchMethodException(name);
    }
}
