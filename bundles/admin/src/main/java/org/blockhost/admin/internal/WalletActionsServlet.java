package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.blockhost.admin.internal.EngineCalls.Failure;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.Treasury;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The wallet's actions through the active engine's {@link Treasury} (its one nonce-managed sender):
 * {@code POST /admin/api/wallet/send} {@code {asset, to, amount, confirm}} (the amount typed again in
 * {@code confirm}), {@code POST /admin/api/wallet/withdraw} {@code {confirm: "withdraw"}} (the
 * contract's revenue to its payout address) and {@code GET /admin/api/wallet/tx/{hash}} (pending,
 * confirmed with N confirmations, failed). Engine calls fenced (30 s); every POST audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/wallet/*")
public final class WalletActionsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String REFUSED = "The chain refuses this transaction (check the address, the amount and the balance);"
            + " nothing was sent.";
    private final transient AuditTrail trail;
    private final transient EngineCalls calls = new EngineCalls("wallet");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Engine engine;

    @Activate
    public WalletActionsServlet(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        if (path.size() != 2 || !path.get(0).equals("tx") || !path.get(1).matches("0x[0-9a-fA-F]{64}")) {
            Api.error(resp, 404, "No such resource.");
            return;
        }
        try {
            Treasury treasury = treasury();
            Treasury.TxState tx = calls.call(() -> treasury.transaction(path.get(1)), 10, null);
            Api.send(resp, 200, Map.of("hash", tx.hash(), "state", tx.state().name().toLowerCase(java.util.Locale.ROOT),
                    "confirmations", tx.confirmations()));
        } catch (Failure f) {
            Api.error(resp, f.status, f.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        String action = path.size() == 1 ? path.get(0) : "";
        if (!action.equals("send") && !action.equals("withdraw")) {
            Api.error(resp, 404, "No such wallet action.");
            return;
        }
        Map<String, Object> body;
        try {
            body = Api.body(req);
        } catch (Api.BadRequest e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        String subject = action.equals("send") ? String.valueOf(body.get("to")) : "revenue";
        try {
            String hash = action.equals("send") ? send(body) : withdraw(body);
            AdminAudit.record(trail, req, subject, "wallet." + action, "done: transaction " + hash);
            Api.send(resp, 200, Map.of("transaction", hash, "state", "pending"));
        } catch (Failure f) {
            AdminAudit.record(trail, req, subject, "wallet." + action, (f.status < 500 ? "refused: " : "failed: ")
                    + f.getMessage());
            Api.error(resp, f.status, f.getMessage());
        }
    }

    private String send(Map<String, Object> body) throws Failure {
        String asset = text(body, "asset");
        String to = text(body, "to");
        String amount = text(body, "amount");
        if (!amount.equals(body.get("confirm"))) {
            throw new Failure(400, "Type the amount again to confirm the transfer.");
        }
        Treasury treasury = treasury();
        Treasury.Balance balance = calls.call(treasury::balances, 10, null).stream().filter(b -> b.asset().equals(asset))
                .findFirst().orElseThrow(() -> new Failure(400, "The wallet holds no asset called " + asset + "."));
        java.math.BigInteger units;
        try {
            units = balance.amountOf(amount);
        } catch (IllegalArgumentException e) {
            throw new Failure(400, e.getMessage());
        }
        return calls.call(() -> treasury.send(asset, to, units), 30, REFUSED);
    }

    private String withdraw(Map<String, Object> body) throws Failure {
        if (!"withdraw".equals(body.get("confirm"))) {
            throw new Failure(400, "Type withdraw to confirm.");
        }
        Treasury treasury = treasury();
        return calls.call(() -> treasury.withdraw(treasury.payoutAddress()), 30, "The contract refuses the withdrawal (nothing collected, or the host key is not its operator);"
                + " nothing was sent.");
    }

    private Treasury treasury() throws Failure {
        Engine active = engine;
        if (active == null) {
            throw new Failure(503, "No chain engine is active: the wallet cannot send.");
        }
        return active.treasury();
    }

    private static String text(Map<String, Object> body, String key) throws Failure {
        if (body.get(key) instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new Failure(400, "Send the " + key + " as text.");
    }
}
