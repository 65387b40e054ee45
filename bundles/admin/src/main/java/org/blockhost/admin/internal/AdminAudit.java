package org.blockhost.admin.internal;

import org.blockhost.platform.api.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;

/** One audit entry per admin action: the wallet, what, the outcome and the source address. */
final class AdminAudit {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAudit.class);

    private AdminAudit() {
    }

    /**
     * Records {@code admin.<action>} on {@code subject}.
     *
     * @return false when the entry could not be written (logged)
     */
    static boolean record(AuditTrail trail, HttpServletRequest req, String subject, String action, String outcome) {
        try {
            trail.record(Api.wallet(req), subject, "admin." + action, outcome + " (from " + req.getRemoteAddr() + ")");
            return true;
        } catch (RuntimeException e) {
            LOG.error("admin audit entry not written for {} {}: {}", action, subject, e.getMessage());
            return false;
        }
    }
}
