package org.blockhost.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/** Installs the test-double plugins, talks HTTP to the runtime, and waits for conditions. */
final class Harness implements AutoCloseable {
    private final BundleContext context;
    private final List<Bundle> installed = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Harness(BundleContext context) {
        this.context = context;
    }

    /** Installs and starts a test plugin by name: engine, provisioner or broken. */
    Bundle install(String plugin) throws BundleException {
        Path jar = Path.of(context.getProperty("blockhost.testplugins"), "org.blockhost.test." + plugin + ".jar");
        Bundle bundle = context.installBundle(jar.toUri().toString());
        installed.add(bundle);
        bundle.start();
        return bundle;
    }

    void uninstall(Bundle bundle) throws BundleException {
        installed.remove(bundle);
        bundle.uninstall();
    }

    @Override
    public void close() throws BundleException {
        for (Bundle b : List.copyOf(installed)) {
            uninstall(b);
        }
    }

    String baseUrl() {
        ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
        Object endpoint = ref.getProperty("osgi.http.endpoint");
        String url = endpoint instanceof String[] a ? a[0] : String.valueOf(endpoint);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the condition holds, failing with the message after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Like {@link #await} for a check that may throw. */
    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitChecked(String what, Duration timeout, Check check) throws InterruptedException {
        await(what, timeout, () -> {
            try {
                return check.holds();
            } catch (Exception e) {
                return false;
            }
        });
    }
}
