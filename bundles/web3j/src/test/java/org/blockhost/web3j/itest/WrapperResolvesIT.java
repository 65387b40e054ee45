package org.blockhost.web3j.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Installs the packaged wrapper bundle into a bare Felix framework next to the real bundles it
 * imports (Bouncy Castle, Jackson, RxJava 2, reactive-streams, Java-WebSocket, slf4j), starts
 * everything and uses web3j from inside the framework.
 */
class WrapperResolvesIT {
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final String ADDRESS = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

    @TempDir
    Path storage;
    private Felix felix;

    @BeforeEach
    void start() throws Exception {
        felix = new Felix(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        felix.start();
    }

    @AfterEach
    void stop() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    @Test
    void wrapperResolvesAndWorksInFelix() throws Exception {
        BundleContext context = felix.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : runtimeJars()) {
            try (InputStream in = Files.newInputStream(jar)) {
                bundles.add(context.installBundle(jar.toUri().toString(), in));
            }
        }
        // SPI Fly, then the slf4j provider, then everything else (as in cnf/runtime.bnd)
        for (int i = bundles.size() - 3; i < bundles.size(); i++) {
            bundles.get(i).start();
        }
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        Bundle wrapper = bundles.get(0);
        assertEquals("org.blockhost.web3j", wrapper.getSymbolicName());
        assertEquals(Bundle.ACTIVE, wrapper.getState());

        Class<?> credentials = wrapper.loadClass("org.web3j.crypto.Credentials");
        Object creds = credentials.getMethod("create", String.class).invoke(null, KEY);
        Method address = credentials.getMethod("getAddress");
        assertEquals(ADDRESS, address.invoke(creds));
        // okhttp, okio and kotlin are embedded: building an HTTP service exercises all three
        Class<?> http = wrapper.loadClass("org.web3j.protocol.http.HttpService");
        http.getConstructor(String.class).newInstance("http://127.0.0.1:1");
    }

    /** The wrapper first, then the real bundles it imports, found on the test class path. */
    private static List<Path> runtimeJars() throws IOException, URISyntaxException {
        List<Path> jars = new ArrayList<>();
        jars.add(wrapperJar());
        for (String name : new String[] {
                "org.bouncycastle.jce.provider.BouncyCastleProvider",
                "com.fasterxml.jackson.annotation.JsonProperty",
                "com.fasterxml.jackson.core.JsonParser",
                "com.fasterxml.jackson.databind.ObjectMapper",
                "io.reactivex.Flowable",
                "org.reactivestreams.Publisher",
                "org.java_websocket.client.WebSocketClient",
                "org.objectweb.asm.ClassVisitor",
                "org.objectweb.asm.commons.Remapper",
                "org.objectweb.asm.tree.ClassNode",
                "org.objectweb.asm.tree.analysis.Analyzer",
                "org.objectweb.asm.util.Printer",
                "org.apache.aries.spifly.dynamic.DynamicWeavingActivator",
                "org.slf4j.simple.SimpleServiceProvider",
                "org.slf4j.Logger"}) {
            jars.add(jarOf(name));
        }
        return jars;
    }

    private static Path jarOf(String className) throws URISyntaxException, IOException {
        try {
            Class<?> type = Class.forName(className, false, WrapperResolvesIT.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IOException("not on the test class path: " + className, e);
        }
    }

    private static Path wrapperJar() throws IOException {
        Path target = Path.of(System.getProperty("wrapper.dir", "target"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "org.blockhost.web3j-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("the wrapper jar is not built in " + target);
    }
}
