package org.blockhost.engine.evm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step "Admin wallet": {@code GET /setup/evm-wallet} is the page, {@code POST .../nonce} a
 * sign-in nonce, {@code POST /setup/evm-wallet} the signed EIP-4361 message (its signer becomes
 * {@code evm.adminWallet}), {@code POST .../access-key} the 33-byte public access key the browser
 * derived, and {@code GET .../assets/NAME.js} the page's bundled script. JSON in and out; errors
 * are sentences, never exception text; nothing is saved on a refused value.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({EvmWalletServlet.PATH, EvmWalletServlet.PATH + "/*"})
@WizardStep(id = "evm-wallet", order = 50, title = "Admin wallet")
@EngineId(EvmEngine.ID)
public final class EvmWalletServlet extends HttpServlet {
    static final String PATH = "/evm-wallet";
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 8192;
    private static final Pattern ASSET = Pattern.compile("/assets/([A-Za-z0-9-]{1,64}\\.js)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient SetupService setup;
    private final transient AdminWalletSignIn signIn = new AdminWalletSignIn(Clock.systemUTC());

    @Activate
    public EvmWalletServlet(@Reference SetupService setup) {
        this.setup = setup;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo();
        if (info == null || info.equals("/")) {
            page(req, resp);
            return;
        }
        var asset = ASSET.matcher(info);
        InputStream in = asset.matches() ? EvmWalletServlet.class.getResourceAsStream("/buyer/" + asset.group(1)) : null;
        if (in == null) {
            resp.sendError(404);
            return;
        }
        try (in) {
            resp.setContentType("text/javascript;charset=utf-8");
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        try {
            switch (info) {
                case "/nonce" -> json(resp, 200, "{\"nonce\":" + JsonText.string(signIn.nonce()) + ",\"chainId\":"
                        + AdminWalletSignIn.answeredChainId(setup.answers()).map(String::valueOf).orElse("null") + "}");
                case "", "/" -> {
                    JsonNode body = body(req);
                    String host = req.getHeader("Host");
                    String address = signIn.signIn(setup, host, req.getScheme() + "://" + host, text(body, "message"),
                            text(body, "signature"));
                    json(resp, 200, "{\"address\":" + JsonText.string(address) + "}");
                }
                case "/access-key" -> {
                    AdminWalletSignIn.saveAccessKey(setup, text(body(req), "accessKey"));
                    json(resp, 200, "{\"saved\":true}");
                }
                default -> resp.sendError(404);
            }
        } catch (AdminWalletSignIn.Refused e) {
            json(resp, e.status, "{\"error\":" + JsonText.string(e.getMessage()) + "}");
        }
    }

    private static JsonNode body(HttpServletRequest req) throws IOException, AdminWalletSignIn.Refused {
        byte[] bytes = req.getInputStream().readNBytes(MAX_BODY + 1);
        try {
            JsonNode node = bytes.length > MAX_BODY ? null : JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new AdminWalletSignIn.Refused(400, "The request was not understood. Reload the page and try again.");
            }
            return node;
        } catch (IOException e) {
            throw new AdminWalletSignIn.Refused(400, "The request was not understood. Reload the page and try again.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    private void page(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> answers = setup.answers();
        Optional<String> message = setup.accessKeyRequest().flatMap(AccessKeyRequest::message);
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        AdminWalletPage.View view = new AdminWalletPage.View(req.getContextPath(), csrf == null ? "" : csrf.toString(),
                Optional.ofNullable(answers.get(AdminCredentialStep.ADMIN_WALLET)), message,
                answers.containsKey(AdminCredentialStep.ADMIN_ACCESS_KEY));
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(AdminWalletPage.html(view));
    }

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(body);
    }
}
