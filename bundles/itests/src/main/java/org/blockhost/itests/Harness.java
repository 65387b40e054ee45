package org.blockhost.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.blockhost.web.api.SetupGate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/** Installs the test-double plugins, talks HTTP to the runtime, and waits for conditions. */
final class Harness implements AutoCloseable {
    private final BundleContext context;
    private final List<Bundle> installed = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String cookie;
    private String csrf;

    Harness(BundleContext context) {
        this.context = context;
    }

    /**
     * Replaces the configuration of PID {@code org.blockhost.web} and waits until the web policy
     * service carries it (the property {@code marker} has the new value).
     */
    static void configureWeb(BundleContext context, Map<String, Object> properties, String marker) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(ref);
        try {
            admin.getConfiguration("org.blockhost.web", "?").update(new Hashtable<>(properties));
            String wanted = Arrays.deepToString(new Object[] {properties.get(marker)});
            await("org.blockhost.web configured", Duration.ofSeconds(20), () -> {
                try {
                    ServiceReference<?>[] refs = context.getServiceReferences("org.blockhost.web.internal.surface.WebPolicy", null);
                    return refs != null && wanted.equals(Arrays.deepToString(new Object[] {refs[0].getProperty(marker)}));
                } catch (InvalidSyntaxException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot configure org.blockhost.web", e);
        } finally {
            context.ungetService(ref);
        }
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

    /** GET with the setup session's cookie, if any. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST from the server's own origin with the setup session's cookie and CSRF token. */
    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.noBody()).header("Origin", baseUrl());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the server with the session cookie (when signed in). */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in to /setup as the operator does: a code from the console side (the gate, reopening
     * /setup when setup was completed by an earlier test), entered on /setup/login; then reads the
     * session's CSRF token.
     */
    void setupSession() throws IOException, InterruptedException {
        ServiceReference<SetupGate> ref = context.getServiceReference(SetupGate.class);
        SetupGate gate = context.getService(ref);
        try {
            String code = gate.open() ? gate.newCode() : gate.reopen();
            cookie = null;
            csrf = null;
            HttpResponse<String> login = login(code);
            if (login.statusCode() != 303) {
                throw new AssertionError("setup login answered " + login.statusCode() + ": " + login.body());
            }
            cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            String session = get("/setup/api/session").body();
            csrf = session.replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
        } finally {
            context.ungetService(ref);
        }
    }

    /** POSTs a code to /setup/login from the server's own origin. */
    HttpResponse<String> login(String code) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/setup/login")).timeout(Duration.ofSeconds(10))
                .header("Origin", baseUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String cookie() {
        return cookie;
    }

    String csrf() {
        return csrf;
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
