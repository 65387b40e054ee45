package org.blockhost.installer.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.blockhost.installer.internal.finalize.RunningSetup;
import org.blockhost.installer.internal.network.PublicHost;
import org.blockhost.installer.internal.setup.SetupServiceImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The Network page posted while the step reading its answer runs: answered at once, the sentence shown, nothing saved. */
class NetworkServletWhileRunningTest {
    @TempDir
    Path state;

    @Test
    void aChangeTheRunningStepReadsIsRefusedAtOnceOnThePage() throws Exception {
        try (RunningSetup fixture = new RunningSetup(state)) {
            fixture.add(fixture.new Step("network.public-host", "Publish the host name", 1, Set.of(PublicHost.KEY), true));
            fixture.runner.save(Map.of(PublicHost.KEY, "host.example.com"));
            fixture.startAndWaitFor("network.public-host");
            NetworkServlet servlet = new NetworkServlet(fixture.context, new StepRegistry(),
                    new SetupServiceImpl(fixture.runner, fixture.plugins, fixture.context));
            StringWriter body = new StringWriter();
            int[] status = {0};
            HttpServletRequest req = RunningSetup.proxy(HttpServletRequest.class, (name, args) -> switch (name) {
                case "getParameter" -> "publicHost".equals(args[0]) ? "other.example.com" : null;
                case "getContextPath" -> "/setup";
                default -> null;
            });
            HttpServletResponse resp = RunningSetup.proxy(HttpServletResponse.class, (name, args) -> {
                if ("setStatus".equals(name)) {
                    status[0] = (Integer) args[0];
                }
                return "getWriter".equals(name) ? new PrintWriter(body) : null;
            });
            CompletableFuture.runAsync(() -> {
                try {
                    servlet.doPost(req, resp);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(1, TimeUnit.SECONDS);
            assertEquals(400, status[0]);
            String html = body.toString();
            assertTrue(html.contains("Finalization is running the step \u201cPublish the host name\u201d, which reads this"
                    + " answer. Wait until finalization ends or fails, then change it."), html);
            assertFalse(html.contains("field '"), html);
            assertEquals("host.example.com", fixture.runner.answers().get(PublicHost.KEY));
        }
    }
}
