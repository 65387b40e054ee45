package org.blockhost.engine.evm.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step "Chain": a plain form for the RPC URL, chain id and host key file; POST checks them
 * ({@link ChainSettingsCheck}) and shows the node's chain id, the host wallet and its balance.
 * The answers themselves are handed to setup by the answers file ({@code evm.rpcUrl},
 * {@code evm.chainId}, {@code evm.hostKeyFile}); every value shown is HTML-escaped.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/evm-chain")
@WizardStep(id = "evm-chain", order = 200, title = "Chain (EVM)")
@EngineId(EvmEngine.ID)
public final class ChainSettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean dev;

    @Activate
    public ChainSettingsServlet(BundleContext context) {
        this.dev = RuntimeLayout.from(context::getProperty).dev();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        page(resp, form("", "", ""));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String rpc = req.getParameter("rpcUrl");
        String chainId = req.getParameter("chainId");
        String keyFile = req.getParameter("hostKeyFile");
        ChainSettingsCheck.Result r = ChainSettingsCheck.check(rpc, chainId, keyFile, dev);
        String outcome = r.ok()
                ? "<p class=ok>Chain " + r.chainId() + " reached. Host wallet <code>" + html(r.hostAddress())
                        + "</code>, balance " + new BigDecimal(r.balanceWei(), 18).toPlainString() + "</p>"
                : "<p class=error>" + html(r.error()) + "</p>";
        page(resp, outcome + form(rpc, chainId, keyFile));
    }

    static String form(String rpc, String chainId, String keyFile) {
        return "<form method=post><label>RPC URL <input name=rpcUrl size=60 value=\"" + html(rpc) + "\"></label><br>"
                + "<label>Chain id <input name=chainId value=\"" + html(chainId) + "\"></label><br>"
                + "<label>Host key file <input name=hostKeyFile size=60 value=\"" + html(keyFile) + "\"></label><br>"
                + "<button>Check</button></form>";
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
