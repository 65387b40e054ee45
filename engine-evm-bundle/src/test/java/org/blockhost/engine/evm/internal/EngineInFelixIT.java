package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The packaged engine bundle in a bare Felix with SCR and Config Admin, next to the api, crypto and
 * web3j wrapper bundles: it resolves, activates from a configuration, registers the Engine service
 * with {@code org.blockhost.engine.id=evm}, and its watcher commits to a sink service. The test's own
 * class path holds other copies of the API classes, so services are looked up without the
 * class-space check ({@code getAllServiceReferences}) and used reflectively.
 */
class EngineInFelixIT {
    @TempDir
    Path dir;

    @Test
    void engineActivatesInFelixAndWatches() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            TestChain chain = new TestChain(anvil);
            TestChain.Deployment d = chain.deployAll();
            Felix felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("fw").toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    "org.apache.felix.http.host", "127.0.0.1", "org.osgi.service.http.port", "0"));
            felix.start();
            try {
                BundleContext context = felix.getBundleContext();
                List<Bundle> bundles = install(context);
                Bundle api = bundles.stream().filter(b -> "org.blockhost.api".equals(b.getSymbolicName())).findFirst()
                        .orElseThrow();
                AtomicInteger commits = new AtomicInteger();
                registerSink(context, api, commits);
                registerAnswers(context, api);
                configure(context, anvil, d);
                Object engine = awaitEngine(context);
                assertEquals("evm", engine.getClass().getMethod("id").invoke(engine));
                Object head = engine.getClass().getMethod("head").invoke(engine);
                assertTrue((Long) head.getClass().getMethod("number").invoke(head) > 0);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (commits.get() == 0) {
                    assertTrue(System.nanoTime() < deadline, "the watcher commits inside Felix");
                    Thread.sleep(20);
                }
                assertTrue(context.getAllServiceReferences("jakarta.servlet.Servlet",
                        "(org.blockhost.wizard.step.id=evm-chain)") != null, "the wizard step servlet is registered");
                String status = String.valueOf(gogo(context, "blockhost:chain status"));
                assertTrue(status.contains("finalized"), status);
                String balance = String.valueOf(gogo(context, "blockhost:wallet --json balance"));
                assertTrue(balance.contains("\"asset\":\"ETH\""), balance);
            } finally {
                felix.stop();
                felix.waitForStop(10_000);
            }
        }
    }

    private static List<Bundle> install(BundleContext context) throws Exception {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars()) {
            try (InputStream in = Files.newInputStream(jar)) {
                bundles.add(context.installBundle(jar.toUri().toString(), in));
            }
        }
        for (Bundle b : bundles) { // logging first (cnf/runtime.bnd), then the rest
            if (b.getSymbolicName().startsWith("org.apache.aries.spifly") || b.getSymbolicName().startsWith("slf4j")) {
                b.start();
            }
        }
        for (Bundle b : bundles) {
            b.start();
        }
        return bundles;
    }

    /** A stand-in for the installer's answers store, which this test does not install. */
    private static void registerAnswers(BundleContext context, Bundle api) throws Exception {
        Class<?> type = api.loadClass("org.blockhost.installer.api.WizardAnswers");
        Object answers = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) ->
                switch (m.getName()) {
                    case "answers" -> java.util.Map.of();
                    case "check" -> java.util.Optional.empty();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "answers";
                    default -> null;
                });
        context.registerService(type.getName(), answers, null);
    }

    private static void registerSink(BundleContext context, Bundle api, AtomicInteger commits) throws Exception {
        Class<?> sinkType = api.loadClass("org.blockhost.engine.api.ChainEventSink");
        Object sink = Proxy.newProxyInstance(sinkType.getClassLoader(), new Class<?>[] {sinkType}, (p, m, args) ->
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
        context.registerService(sinkType.getName(), sink, null);
    }

    private void configure(BundleContext context, Anvil anvil, TestChain.Deployment d) throws Exception {
        Path key = dir.resolve("host.key");
        Files.writeString(key, TestChain.KEYS[0]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("chainId", TestChain.CHAIN_ID);
        props.put("rpcUrl", anvil.url());
        props.put("devMode", true);
        props.put("subscriptionsAddress", d.subscriptions());
        props.put("credentialAddress", d.credential());
        props.put("hostKeyFile", key.toString());
        props.put("confirmations", 0);
        ServiceReference<?> ref = null;
        for (int i = 0; i < 200 && ref == null; i++) {
            ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            ref = refs == null ? null : refs[0];
            Thread.sleep(ref == null ? 25 : 0);
        }
        if (ref == null) {
            StringBuilder states = new StringBuilder();
            for (Bundle b : context.getBundles()) {
                states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
            }
            throw new AssertionError("no ConfigurationAdmin service; bundles: " + states);
        }
        Object admin = context.getService(ref);
        Object config = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, EvmEngine.PID, "?");
        config.getClass().getMethod("update", java.util.Dictionary.class).invoke(config, props);
    }

    /** Runs a Gogo command line in a fresh session and returns its result. */
    private static Object gogo(BundleContext context, String line) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("org.apache.felix.service.command.CommandProcessor",
                null);
        assertTrue(refs != null, "Gogo runs");
        Object processor = context.getService(refs[0]);
        java.lang.reflect.Method create = java.util.Arrays.stream(processor.getClass().getMethods())
                .filter(m -> m.getName().equals("createSession") && m.getParameterCount() == 3).findFirst()
                .orElseThrow();
        java.io.PrintStream out = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        Object session = create.invoke(processor, new java.io.ByteArrayInputStream(new byte[0]), out, out);
        java.lang.reflect.Method execute = session.getClass().getMethod("execute", CharSequence.class);
        execute.setAccessible(true);
        return execute.invoke(session, line);
    }

    private static Object awaitEngine(BundleContext context) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            ServiceReference<?>[] refs = context.getAllServiceReferences("org.blockhost.engine.api.Engine",
                    "(org.blockhost.engine.id=evm)");
            if (refs != null) {
                return context.getService(refs[0]);
            }
            assertTrue(System.nanoTime() < deadline, "the Engine service appears");
            Thread.sleep(50);
        }
    }

    private static List<Path> jars() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String name : new String[] {
                "org.apache.aries.spifly.dynamic.DynamicWeavingActivator", "org.slf4j.simple.SimpleServiceProvider",
                "org.slf4j.Logger", "org.objectweb.asm.ClassVisitor", "org.objectweb.asm.commons.Remapper",
                "org.objectweb.asm.tree.ClassNode", "org.objectweb.asm.tree.analysis.Analyzer",
                "org.objectweb.asm.util.Printer", "org.apache.felix.scr.impl.Activator",
                "org.apache.felix.cm.impl.ConfigurationManager", "org.osgi.util.function.Function", "org.osgi.service.component.ComponentContext",
                "org.apache.felix.service.command.CommandProcessor", "jakarta.servlet.Servlet",
                "org.apache.commons.fileupload.FileUpload", "org.apache.commons.io.IOUtils",
                "org.osgi.util.promise.Promise", "org.bouncycastle.jce.provider.BouncyCastleProvider",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.core.JsonParser",
                "com.fasterxml.jackson.databind.ObjectMapper", "io.reactivex.Flowable", "org.reactivestreams.Publisher",
                "org.java_websocket.client.WebSocketClient", "org.blockhost.engine.api.Engine",
                "org.blockhost.crypto.api.Keccak", "org.web3j.protocol.Web3j"}) {
            jars.add(jarOf(name));
        }
        jars.add(Path.of(System.getProperty("felix.http.jar"))); // the HTTP whiteboard (the wizard step servlet)
        jars.add(engineJar());
        return jars;
    }

    private static Path jarOf(String className) throws URISyntaxException, IOException {
        try {
            Class<?> type = Class.forName(className, false, EngineInFelixIT.class.getClassLoader());
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IOException(className + " is not in a jar: " + path);
            }
            return path;
        } catch (ClassNotFoundException e) {
            throw new IOException("not on the test class path: " + className, e);
        }
    }

    private static Path engineJar() throws IOException {
        Path target = Path.of(System.getProperty("engine.dir", "target"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "org.blockhost.engine.evm-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("the engine jar is not built in " + target);
    }
}
