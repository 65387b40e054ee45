package org.blockhost.engine.evm.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
 * Wizard step "Chain": a plain form for the RPC URL, chain id and host key file; POST checks them
 * ({@link ChainSettingsCheck}), shows the node's chain id, the host wallet and its balance, and
 * saves the checked values as the wizard answers {@code evm.rpcUrl}, {@code evm.chainId} and
 * {@code evm.hostKeyFile} (left out when empty: setup then creates the key). Every value shown is
 * HTML-escaped.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/evm-chain")
@WizardStep(id = "evm-chain", order = 200, title = "Chain (EVM)")
@EngineId(EvmEngine.ID)
public final class ChainSettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String RPC = "evm.rpcUrl";
    static final String CHAIN_ID = "evm.chainId";
    static final String KEY_FILE = "evm.hostKeyFile";
    private final boolean dev;
    private final transient WizardAnswers answers;

    @Activate
    public ChainSettingsServlet(BundleContext context, @Reference WizardAnswers answers) {
        this.dev = RuntimeLayout.from(context::getProperty).dev();
        this.answers = answers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> saved = answers.answers();
        String rpc = saved.getOrDefault(RPC, "");
        String hint = rpc.isEmpty() ? "" : "<p>Saved RPC URL: <code>" + html(origin(rpc))
                + "</code> (its path and query are not shown: they may hold an API key). Enter it again to change it.</p>";
        page(resp, hint + form(token(req), "", saved.getOrDefault(CHAIN_ID, ""), saved.getOrDefault(KEY_FILE, "")));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String rpc = req.getParameter("rpcUrl");
        String chainId = req.getParameter("chainId");
        String keyFile = req.getParameter("hostKeyFile");
        ChainSettingsCheck.Result r = ChainSettingsCheck.check(rpc, chainId, keyFile, dev);
        String outcome = r.ok()
                ? "<p class=ok>Chain " + r.chainId() + " reached. Host wallet <code>" + html(r.hostAddress())
                        + "</code>, balance " + new BigDecimal(r.balanceWei(), 18).toPlainString() + "</p>" + save(rpc,
                                chainId, keyFile)
                : "<p class=error>" + html(r.error()) + "</p>";
        page(resp, outcome + form(token(req), "", chainId, keyFile));
    }

    /** Saves the checked values; the result line for the page. */
    String save(String rpc, String chainId, String keyFile) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(RPC, rpc.strip());
        values.put(CHAIN_ID, chainId.strip());
        if (keyFile != null && !keyFile.isBlank()) {
            values.put(KEY_FILE, keyFile.strip());
        }
        Optional<String> problem = answers.check(values);
        if (problem.isPresent()) {
            return "<p class=error>Not saved: " + html(problem.get()) + "</p>";
        }
        try {
            answers.save(values);
        } catch (IllegalArgumentException e) { // the registered setup steps changed since check()
            return "<p class=error>Not saved: the setup steps changed meanwhile; submit again.</p>";
        }
        return "<p class=ok>Saved.</p>";
    }

    /** Scheme, host and port of a URL; never its path or query (provider URLs carry API keys there). */
    static String origin(String url) {
        try {
            java.net.URI u = java.net.URI.create(url.strip());
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(not shown)";
        }
    }

    private static String token(HttpServletRequest req) {
        Object token = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        return token == null ? "" : token.toString();
    }

    static String form(String csrf, String rpc, String chainId, String keyFile) {
        return "<form method=post><input type=hidden name=" + Surfaces.CSRF_FIELD + " value=\"" + html(csrf) + "\"><label>RPC URL <input name=rpcUrl size=60 value=\"" + html(rpc) + "\"></label><br>"
                + "<label>Chain id <input name=chainId value=\"" + html(chainId) + "\"></label><br>"
                + "<label>Host key file <input name=hostKeyFile size=60 value=\"" + html(keyFile) + "\"></label><br>"
                + "<button>Check and save</button></form>";
    }

    private static void page(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("<!doctype html><title>Chain (EVM)</title><h1>Chain (EVM)</h1>" + body);
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
