package org.blockhost.installer.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.internal.finalize.Json;
import org.blockhost.installer.internal.finalize.RunningSetup;
import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.installer.internal.network.PublicHost;
import org.blockhost.installer.internal.network.VmBridge;
import org.blockhost.installer.internal.setup.SetupServiceImpl;
import org.blockhost.rootagent.api.RootAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The race of every setup page: the page checks its answers, then a finalization step that reads one of them starts,
 * then the page saves. The setup service refuses the save ({@code SetupChangedException}) and the installer's fence
 * answers it the same way for every page: 400 with the running step's sentence, nothing saved, the page's plugin not
 * marked failed (before: a 500 "This setup page failed").
 */
class SaveRefusedAfterCheckTest {
    private static final String REFUSAL = "Wait until finalization ends or fails, then change it.";
    @TempDir
    Path state;
    private final List<String> failures = new ArrayList<>();
    private final List<String> agentCalls = new ArrayList<>();

    /** The real setup service, with the step reading {@code key} started right after each page's check. */
    private SetupService racing(RunningSetup fixture, String stepId) {
        SetupService real = new SetupServiceImpl(fixture.runner, fixture.plugins, fixture.context);
        return new SetupService() {
            @Override
            public Map<String, String> problems(Map<String, String> answers) {
                Map<String, String> problems = real.problems(answers);
                try {
                    fixture.startAndWaitFor(stepId);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return problems;
            }

            @Override public void save(Map<String, String> answers) { real.save(answers); }
            @Override public void save(Map<String, String> answers, Set<String> removed) { real.save(answers, removed); }
            @Override public Map<String, String> answers() { return real.answers(); }
            @Override public Map<String, String> published() { return real.published(); }
            @Override public Result run() { return real.run(); }
            @Override public Result retry(String stepId) { return real.retry(stepId); }
            @Override public boolean running() { return real.running(); }
            @Override public Optional<AccessKeyRequest> accessKeyRequest() { return real.accessKeyRequest(); }
        };
    }

    private StepFailureFilter fence() {
        PluginStatus plugins = RunningSetup.proxy(PluginStatus.class, (name, args) -> {
            failures.add(name + " " + args[1]);
            return null;
        });
        return new StepFailureFilter(plugins, RunningSetup.proxy(HttpServiceRuntime.class, (name, args) -> null),
                RunningSetup.proxy(BundleContext.class, (name, args) -> null), new StepRegistry());
    }

    /** POSTs {@code form} to {@code uri} through the fence into {@code page}; the status and the body. */
    private static Object[] post(StepFailureFilter fence, FilterChain page, String uri, Map<String, String> form)
            throws Exception {
        return post(fence, page, uri, form, null);
    }

    private static Object[] post(StepFailureFilter fence, FilterChain page, String uri, Map<String, String> form,
            String contentType) throws Exception {
        StringWriter body = new StringWriter();
        int[] status = {0};
        HttpServletRequest req = RunningSetup.proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getParameter" -> form.get((String) args[0]);
            case "getContextPath" -> "/setup";
            case "getRequestURI" -> uri;
            case "getMethod" -> "POST";
            case "getContentType" -> contentType;
            default -> null;
        });
        HttpServletResponse resp = RunningSetup.proxy(HttpServletResponse.class, (name, args) -> switch (name) {
            case "setStatus" -> {
                status[0] = (Integer) args[0];
                yield null;
            }
            case "isCommitted" -> false;
            case "getWriter" -> new PrintWriter(body, true);
            default -> null;
        });
        fence.doFilter(req, resp, page);
        return new Object[] {status[0], body.toString()};
    }

    @Test
    void theVmBridgePageAnswers400WithTheRunningStepsSentence() throws Exception {
        String uplink = Interfaces.list().stream().filter(n -> !n.loopback()).map(Interfaces.Nic::name).findFirst()
                .orElseThrow(() -> new AssertionError("this test needs a network interface besides loopback"));
        try (RunningSetup fixture = new RunningSetup(state)) {
            fixture.add(fixture.new Step("network.vm-bridge", "Record the VM bridge", 1, Set.of(VmBridge.KEY), true));
            BridgeServlet servlet = new BridgeServlet(fixture.context, new StepRegistry(), racing(fixture, "network.vm-bridge"));
            Field agent = BridgeServlet.class.getDeclaredField("agent"); // DS injects the optional reference so
            agent.setAccessible(true);
            agent.set(servlet, RunningSetup.proxy(RootAgent.class, (name, args) -> {
                agentCalls.add((String) args[0]);
                return Map.of();
            }));
            Object[] answer = post(fence(), (rq, rs) -> servlet.doPost((HttpServletRequest) rq, (HttpServletResponse) rs),
                    "/setup/network/bridge", Map.of("uplink", uplink, "bridge", "br7"));
            assertEquals(400, answer[0], String.valueOf(answer[1]));
            assertTrue(answer[1].toString().contains("Nothing was saved. Finalization is running the step \u201cRecord the"
                    + " VM bridge\u201d, which reads this answer. " + REFUSAL), answer[1].toString());
            assertTrue(answer[1].toString().contains("href=\"/setup/network/bridge\">Back to the page"), answer[1].toString());
            assertFalse(answer[1].toString().contains("network.vmBridge"), "no internal field name");
            assertEquals(List.of("host-bridge-create"), agentCalls, "the check passed, so the bridge was made");
            assertFalse(fixture.runner.answers().containsKey(VmBridge.KEY));
            assertEquals(List.of(), failures, "the installer is not marked failed");
        }
    }

    @Test
    void theNetworkPageAnswersTheSameWay() throws Exception {
        try (RunningSetup fixture = new RunningSetup(state)) {
            fixture.add(fixture.new Step("network.public-host", "Publish the host name", 1, Set.of(PublicHost.KEY), true));
            NetworkServlet servlet = new NetworkServlet(fixture.context, new StepRegistry(),
                    racing(fixture, "network.public-host"));
            Object[] answer = post(fence(), (rq, rs) -> servlet.doPost((HttpServletRequest) rq, (HttpServletResponse) rs),
                    "/setup/network", Map.of("publicHost", "host.example.com"));
            assertEquals(400, answer[0], String.valueOf(answer[1]));
            assertTrue(answer[1].toString().contains("Nothing was saved. Finalization is running the step \u201cPublish the"
                    + " host name\u201d, which reads this answer. " + REFUSAL), answer[1].toString());
            assertFalse(fixture.runner.answers().containsKey(PublicHost.KEY));
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void aJsonRequestGetsTheSentenceAsError() throws Exception {
        Object[] answer = post(fence(), (rq, rs) -> {
            throw new SetupChangedException("evm.adminWallet", "field 'evm.adminWallet': internal", "Wait, then submit again.");
        }, "/setup/evm-wallet/api/login", Map.of(), "application/json");
        assertEquals(400, answer[0]);
        assertEquals("Nothing was saved. Wait, then submit again.",
                Json.MAPPER.readTree(answer[1].toString()).path("error").asText(), answer[1].toString());
        assertEquals(List.of(), failures);
    }

    @Test
    void aPagesOwnFailureIsStillA500() throws Exception {
        Object[] answer = post(fence(), (rq, rs) -> {
            throw new IllegalArgumentException("a bug in the page");
        }, "/setup/network", Map.of());
        assertEquals(500, answer[0]);
        assertFalse(answer[1].toString().contains("a bug"), "never the exception text");
    }
}
