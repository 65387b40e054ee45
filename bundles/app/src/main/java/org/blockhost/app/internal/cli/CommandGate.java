package org.blockhost.app.internal.cli;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.blockhost.platform.api.AuditTrail;
import org.blockhost.platform.api.CommandRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a peer may run a call and records it: every refused call and every call that
 * needs more than {@link CommandRoles#READ} goes to the {@link AuditTrail} (uid, command, redacted
 * arguments) before it runs; without an audit trail such calls are refused.
 */
final class CommandGate {
    private static final Logger LOG = LoggerFactory.getLogger(CommandGate.class);
    /** A private key or other 32-byte secret in hex, with or without {@code 0x}. */
    private static final Pattern KEY_LIKE = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");
    private static final int MAX_PLAIN = 200;

    private final Supplier<RoleTable> roles;
    private final Supplier<AuditTrail> audit;

    CommandGate(Supplier<RoleTable> roles, Supplier<AuditTrail> audit) {
        this.roles = roles;
        this.audit = audit;
    }

    /** Null when {@code peer} may run {@code name args}, else the message to print (the call is refused). */
    String refusal(Peer peer, String name, List<String> args, String required) {
        String detail = detail(name, args);
        RoleTable table = roles.get();
        if (!table.roles(peer).contains(required)) {
            String message = "not permitted: " + name + " needs role " + required + " (group "
                    + table.groupsFor(required) + ")";
            try {
                record(peer, name, "cli.refused", detail + " [needs " + required + "]");
            } catch (RuntimeException e) {
                LOG.warn("audit trail unavailable, refused CLI call by {} not recorded: {}", peer.actor(), e.getMessage());
            }
            return message;
        }
        if (CommandRoles.READ.equals(required)) {
            return null;
        }
        try {
            record(peer, name, "cli.run", detail);
            return null;
        } catch (RuntimeException e) {
            LOG.error("audit trail unavailable, refusing {} by {}: {}", name, peer.actor(), e.getMessage());
            return "not run: the audit trail is unavailable (see the runtime log)";
        }
    }

    private void record(Peer peer, String name, String action, String detail) {
        AuditTrail trail = audit.get();
        if (trail == null) {
            throw new IllegalStateException("no audit trail service");
        }
        trail.record(peer.actor(), name, action, detail);
        LOG.info("CLI {} by {}: {}", action, peer.actor(), detail);
    }

    /** The call as text with secret-looking arguments replaced. */
    static String detail(String name, List<String> args) {
        return args.isEmpty() ? name
                : name + " " + args.stream().map(CommandGate::redact).collect(Collectors.joining(" "));
    }

    /** Hides 64-hex-digit values, multi-line values and long values; quotes arguments with spaces. */
    static String redact(String arg) {
        if (KEY_LIKE.matcher(arg).matches() || arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0
                || arg.length() > MAX_PLAIN) {
            return "<redacted " + arg.length() + " chars>";
        }
        return arg.isEmpty() || arg.chars().anyMatch(c -> c <= ' ') ? "'" + arg.replaceAll("\\p{Cntrl}", "?") + "'" : arg;
    }
}
