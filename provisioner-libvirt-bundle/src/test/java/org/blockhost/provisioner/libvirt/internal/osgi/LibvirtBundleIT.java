package org.blockhost.provisioner.libvirt.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.blockhost.provisioner.libvirt.internal.DevHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR, Config Admin, JNA and the root agent bundle in
 * {@code inprocess} mode: the Provisioner service (embedded libvirt-java) creates, reports and
 * destroys a VM on {@code test:///default}; the wizard servlet and the finalization step register.
 * Runs in {@code integration-test} (failsafe), after the jar is built.
 */
class LibvirtBundleIT {
    static final String[] BUNDLES = {"org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
        "org.apache.felix.scr", "org.apache.felix.configadmin", "asm-9", "asm-commons", "asm-tree", "asm-analysis",
        "asm-util", "org.apache.aries.spifly.dynamic.bundle", "slf4j-api", "slf4j-simple", "jackson-annotations",
        "jackson-core", "jackson-databind", "jna-5", "org.apache.felix.http.servlet-api", "org.blockhost.api",
        "org.blockhost.rootagent"};
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";

    @TempDir
    Path dir;

    @Test
    void provisionerWorksInFelix() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        Path dev = dir.resolve("dev");
        Path templates = Files.createDirectories(dev.resolve("var/lib/blockhost/templates"));
        Files.createDirectories(dev.resolve("var/lib/blockhost/vms"));
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2",
                templates.resolve("debian-12.qcow2").toString(), "1G").inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
        Framework fw = start();
        try {
            BundleContext ctx = fw.getBundleContext();
            configure(ctx, "org.blockhost.rootagent", Map.of("mode", "inprocess", "devDir", dev.toString(), "group", "root"));
            configure(ctx, "org.blockhost.provisioner.libvirt", Map.of("uri", "test:///default",
                    "vmDir", dev.resolve("var/lib/blockhost/vms").toString(), "templateDir", templates.toString(),
                    "virtType", "qemu", "memoryOvercommit", 8.0, "hostReservedMemoryMib", 0, "ipv4Pool", "192.0.2.0/24"));
            Object prov = ctx.getService(await(ctx, "org.blockhost.provisioner.api.Provisioner", "(org.blockhost.provisioner.id=libvirt)"));
            Object spec = spec(prov.getClass().getClassLoader());
            Object info = invoke(prov, "create", spec);
            assertTrue(info.toString().contains("192.0.2.2"), info.toString());
            assertEquals("ACTIVE", invoke(prov, "status", "blockhost-088").toString());
            invoke(prov, "destroy", "blockhost-088");
            assertEquals("DESTROYED", invoke(prov, "status", "blockhost-088").toString());
            assertNotNull(await(ctx, "jakarta.servlet.Servlet", "(org.blockhost.wizard.step.id=libvirt)"));
            assertNotNull(await(ctx, "org.blockhost.installer.api.FinalizationStep", "(org.blockhost.provisioner.id=libvirt)"));
            // the Gogo command registers even without a Gogo runtime (optional import)
            assertNotNull(await(ctx, "org.blockhost.provisioner.libvirt.internal.shell.TemplateCommand",
                    "(&(osgi.command.scope=blockhost)(osgi.command.function=template))"));
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    /** A VmSpec built with the framework's copy of the API classes. */
    private static Object spec(ClassLoader cl) throws Exception {
        Class<?> plan = cl.loadClass("org.blockhost.provisioner.api.PlanResources");
        Class<?> net = cl.loadClass("org.blockhost.provisioner.api.NetworkAllocation");
        Class<?> vmSpec = cl.loadClass("org.blockhost.provisioner.api.VmSpec");
        Object resources = plan.getConstructor(int.class, int.class, int.class).newInstance(1, 256, 2);
        Object dynamic = net.getMethod("dynamic").invoke(null);
        return vmSpec.getConstructors()[0].newInstance("blockhost-088", WALLET, resources, "debian-12", "user",
                "blockhost-088", dynamic);
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
        bundles.add(fw.getBundleContext().installBundle(httpStandIn().toUri().toString()));
        bundles.add(fw.getBundleContext().installBundle(Path.of(System.getProperty("blockhost.test.bundle")).toUri().toString()));
        for (Bundle b : bundles) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
        return fw;
    }

    /** Provides the osgi.http implementation capability the whiteboard servlet requires (no Jetty here). */
    private Path httpStandIn() throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.http.standin");
        a.putValue("Provide-Capability", "osgi.implementation;osgi.implementation=\"osgi.http\";version:Version=\"2.0\"");
        Path jar = dir.resolve("http-standin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.flush();
        }
        return jar;
    }

    private static void configure(BundleContext ctx, String pid, Map<String, Object> values) throws Exception {
        Object ca = ctx.getService(await(ctx, "org.osgi.service.cm.ConfigurationAdmin", null));
        Object conf = ca.getClass().getMethod("getConfiguration", String.class, String.class).invoke(ca, pid, "?");
        Method update = conf.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(conf, new Hashtable<>(values));
        Thread.sleep(1500);
    }

    private static ServiceReference<?> await(BundleContext ctx, String service, String filter) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        ServiceReference<?> ref = null;
        while (ref == null && System.currentTimeMillis() < deadline) {
            // all, not just class-compatible ones: the test class path has its own copies of the API
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
