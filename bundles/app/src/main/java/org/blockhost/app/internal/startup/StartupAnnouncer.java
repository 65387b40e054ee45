package org.blockhost.app.internal.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Once HTTP is up, prints the base URL on the console and writes {@code <state>/runtime.json}
 * ({@code pid}, {@code httpUrl}, {@code socket}) so tools and tests find the running runtime.
 */
@Component(immediate = true)
public final class StartupAnnouncer {

    @Activate
    public StartupAnnouncer(@Reference(target = "(" + HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT + "=*)")
            ServiceReference<HttpServiceRuntime> runtime, BundleContext context) throws IOException {
        RuntimeLayout layout = RuntimeLayout.from(context::getProperty);
        String url = baseUrl(runtime.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pid", ProcessHandle.current().pid());
        info.put("mode", layout.dev() ? "dev" : "production");
        info.put("httpUrl", url);
        info.put("socket", layout.stateDir().resolve("blockhost.sock").toString());
        write(layout.stateDir().resolve("runtime.json"), new ObjectMapper().writeValueAsBytes(info));
        System.out.println("BlockHost " + info.get("mode") + " runtime is up at " + url);
        System.out.println("  health " + url + "/health   ready " + url + "/ready   metrics " + url
                + "/metrics   setup " + url + "/setup/");
        System.out.flush();
    }

    /** The first endpoint URL without its trailing slash. */
    static String baseUrl(Object endpoint) {
        String first;
        if (endpoint instanceof String[] array && array.length > 0) {
            first = array[0];
        } else if (endpoint instanceof java.util.Collection<?> c && !c.isEmpty()) {
            first = String.valueOf(c.iterator().next());
        } else {
            first = String.valueOf(endpoint);
        }
        return first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
    }

    private static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
