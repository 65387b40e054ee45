package org.blockhost.engine.opnet.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.WizardAnswers;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.web.api.Surfaces;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step "Bitcoin (OPNet)" ({@code /setup/opnet-chain}): one form for the engine's answers. POST checks
 * them with the installer's answer checks (the steps' {@code problem}, {@link OpnetAnswers}: the same code as
 * {@code blockhost setup --answers}), then live: the node ({@link NodeCheck}) and the host key file
 * ({@link HostKeyCheck}); only then saves. Nothing is saved on any refusal. The saved RPC URL is shown masked
 * and the unchanged mask keeps it; the key file's content is never read into the page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/opnet-chain")
@WizardStep(id = "opnet-chain", order = 200, title = "Bitcoin (OPNet)")
@EngineId(OpnetEngine.ID)
public final class ChainServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean dev;
    private final transient WizardAnswers answers;

    @Activate
    public ChainServlet(BundleContext context, @Reference WizardAnswers answers) {
        this(RuntimeLayout.from(context::getProperty).dev(), answers);
    }

    ChainServlet(boolean dev, WizardAnswers answers) {
        this.dev = dev;
        this.answers = answers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, ChainPage.render(new ChainPage.View(csrf(req), shown(answers.answers()), null, false, null)));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        ChainPage.FIELDS.keySet().forEach(k -> form.put(k, req.getParameter(k.substring("opnet.".length()))));
        write(resp, submit(csrf(req), form));
    }

    /** Checks and saves a submitted form; the page to show. */
    String submit(String csrf, Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((k, v) -> values.put(k, v == null ? "" : v.strip()));
        // Left empty: not answered (the installer stores no empty value); no contract answered means setup deploys them.
        List.of(OpnetAnswers.SUBSCRIPTIONS, OpnetAnswers.CREDENTIAL, OpnetAnswers.PAYMENT_TOKEN).forEach(k -> values.remove(k, ""));
        String saved = answers.answers().get(OpnetAnswers.RPC_URL);
        if (saved != null && values.get(OpnetAnswers.RPC_URL).equals(ChainPage.masked(saved))) {
            values.put(OpnetAnswers.RPC_URL, saved);
        }
        Optional<String> problem = answers.check(values);
        String field = problem.map(ChainServlet::fieldOf).orElse(null);
        if (problem.isEmpty()) {
            NodeCheck.Result node = NodeCheck.check(values.get(OpnetAnswers.RPC_URL), values.get(OpnetAnswers.NETWORK), dev);
            problem = node.ok() ? HostKeyCheck.problem(Path.of(values.get(OpnetAnswers.HOST_KEY_FILE)))
                    : Optional.of(node.error());
            field = node.ok() ? OpnetAnswers.HOST_KEY_FILE : OpnetAnswers.RPC_URL;
            if (problem.isEmpty()) {
                answers.save(values); // refused after the check: the installer's fence answers it
                return ChainPage.render(new ChainPage.View(csrf, shown(values), "Saved. The node answered at block "
                        + node.head() + ".", true, null));
            }
        }
        return ChainPage.render(new ChainPage.View(csrf, shown(values), problem.get(), false, field));
    }

    private static String fieldOf(String problem) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("field '([^']+)'").matcher(problem);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, String> shown(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>(values);
        out.computeIfPresent(OpnetAnswers.RPC_URL, (k, v) -> ChainPage.masked(v));
        return out;
    }

    private static String csrf(HttpServletRequest req) {
        Object token = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        return token == null ? "" : token.toString();
    }

    private static void write(HttpServletResponse resp, String page) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(page);
    }
}
