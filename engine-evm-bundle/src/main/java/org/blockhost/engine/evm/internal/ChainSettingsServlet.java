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
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step "Chain": a plain form for the RPC URL, chain id, host key file and the payment token
 * (stablecoin) address; POST checks them ({@link ChainSettingsCheck}), shows the node's chain id, the
 * host wallet and its balance, and saves the checked values as the wizard answers {@code evm.rpcUrl},
 * {@code evm.chainId}, {@code evm.hostKeyFile} (left out when empty: setup then creates the key) and
 * {@code evm.stablecoin} (required outside dev mode, where setup cannot deploy a test token; optional in
 * dev mode). Every value shown is
 * HTML-escaped. The saved RPC URL is shown masked (scheme, host and port only: its path and query
 * often carry an API key); submitting the mask unchanged keeps the saved URL.
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
    static final String STABLECOIN = DeployContractsStep.STABLECOIN;
    private final boolean dev;
    private final transient WizardAnswers answers;

    @Activate
    public ChainSettingsServlet(BundleContext context, @Reference WizardAnswers answers) {
        this.dev = RuntimeLayout.from(context::getProperty).dev();
        this.answers = answers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        page(resp, savedForm(token(req)));
    }

    /** The form filled with the saved answers, the RPC URL masked. */
    String savedForm(String csrf) {
        Map<String, String> saved = answers.answers();
        return form(csrf, mask(saved.getOrDefault(RPC, "")), saved.getOrDefault(CHAIN_ID, ""),
                saved.getOrDefault(KEY_FILE, ""), saved.getOrDefault(STABLECOIN, ""));
    }

    /** The URL without user info, path, query or fragment ("/…" marks what was left out). */
    static String mask(String url) {
        try {
            java.net.URI u = new java.net.URI(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return url.isBlank() ? "" : "…";
            }
            String base = u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            boolean more = u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                    || u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/");
            return more ? base + "/…" : base;
        } catch (java.net.URISyntaxException e) {
            return "…";
        }
    }

    /** The submitted RPC URL, or the saved one when the submission is its unchanged mask. */
    String submittedRpc(String submitted) {
        String saved = answers.answers().get(RPC);
        return saved != null && submitted != null && submitted.strip().equals(mask(saved)) ? saved : submitted;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String rpc = submittedRpc(req.getParameter("rpcUrl"));
        String chainId = req.getParameter("chainId");
        String keyFile = req.getParameter("hostKeyFile");
        String stablecoin = req.getParameter("stablecoin");
        ChainSettingsCheck.Result r = ChainSettingsCheck.check(rpc, chainId, keyFile, dev);
        String outcome = r.ok() ? reached(r) + save(rpc, chainId, keyFile, stablecoin)
                : "<p class=error>" + Html.escape(r.error()) + "</p>";
        page(resp, outcome + form(token(req), rpc == null ? "" : mask(rpc), chainId, keyFile,
                stablecoin == null ? "" : stablecoin));
    }

    /** The check's line: the chain, and the host wallet with its balance when a key file was given. */
    static String reached(ChainSettingsCheck.Result r) {
        if (r.hostAddress() == null) {
            return "<p class=ok>Chain " + r.chainId() + " reached. No host key file given: setup creates the host key"
                    + " when it finishes (step evm.host-key); fund its address for the deployment.</p>";
        }
        return "<p class=ok>Chain " + r.chainId() + " reached. Host wallet <code>" + Html.escape(r.hostAddress())
                + "</code>, balance " + new BigDecimal(r.balanceWei(), 18).toPlainString() + "</p>";
    }

    /** Saves the checked values; the result line for the page. */
    String save(String rpc, String chainId, String keyFile, String stablecoin) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(RPC, rpc.strip());
        values.put(CHAIN_ID, chainId.strip());
        if (keyFile != null && !keyFile.isBlank()) {
            values.put(KEY_FILE, keyFile.strip());
        }
        if (stablecoin != null && !stablecoin.isBlank()) {
            values.put(STABLECOIN, stablecoin.strip());
        } else if (!dev && !answers.answers().containsKey(STABLECOIN)) {
            return "<p class=error>Not saved: enter the payment token's (stablecoin's) contract address on this chain.</p>";
        }
        Optional<String> problem = answers.check(values);
        if (problem.isPresent()) {
            return "<p class=error>Not saved: " + Html.escape(problem.get()) + "</p>";
        }
        answers.save(values); // refused after the check: the installer's fence answers it
        return "<p class=ok>Saved.</p>";
    }


    private static String token(HttpServletRequest req) {
        Object token = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        return token == null ? "" : token.toString();
    }

    static String form(String csrf, String rpc, String chainId, String keyFile, String stablecoin) {
        return "<form method=post><input type=hidden name=" + Surfaces.CSRF_FIELD + " value=\"" + Html.escape(csrf) + "\"><label>RPC URL <input name=rpcUrl size=60 value=\"" + Html.escape(rpc) + "\"></label><br>"
                + "<label>Chain id <input name=chainId value=\"" + Html.escape(chainId) + "\"></label><br>"
                + "<label>Host key file <input name=hostKeyFile size=60 value=\"" + Html.escape(keyFile) + "\"></label><br>"
                + "<label>Payment token (stablecoin) address <input name=stablecoin size=44 value=\""
                + Html.escape(stablecoin) + "\"></label><br>"
                + "<button>Check and save</button></form>";
    }

    private static void page(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("<!doctype html><title>Chain (EVM)</title><h1>Chain (EVM)</h1>" + body);
    }
}
