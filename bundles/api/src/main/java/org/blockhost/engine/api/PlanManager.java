package org.blockhost.engine.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The subscription plans a chain sells: list, create, change price, retire. An engine bundle
 * registers it as a service with the {@link EngineId} property; the admin console and the operator
 * CLI ({@code blockhost plan}) both go through it.
 *
 * <p>Changes go through the engine's one nonce-managed sender when the host wallet may make them.
 * When the contracts belong to another wallet (the operator's admin wallet after setup), nothing
 * is sent: the answer carries the transaction that wallet has to send itself.
 */
@ConsumerType
public interface PlanManager {

    /** The plans on chain, by id. */
    List<Plan> plans() throws ChainUnavailableException;

    /**
     * Applies one change.
     *
     * @throws RefusedException the change does not fit the plans on chain (unknown plan, taken
     *     name, retired already) or the contract refuses it; nothing was sent, the message says why
     * @throws ChainUnavailableException the node could not be reached or the transaction not confirmed
     */
    Outcome apply(Change change) throws RefusedException, ChainUnavailableException;

    /** A change that was refused before anything was sent; the message is a sentence for operators. */
    final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /** One plan; {@code centsPerDay} in US cents, {@code active} false once retired. */
    record Plan(long id, String name, long centsPerDay, boolean active) {

        /** The price as US dollars with 2 decimals, for example {@code 1.50}. */
        public String usdPerDay() {
            return BigDecimal.valueOf(centsPerDay, 2).toPlainString();
        }

        /** The JSON shape the CLI ({@code plan list --json}) and the admin API share. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("centsPerDay", centsPerDay);
            m.put("usdPerDay", usdPerDay());
            m.put("active", active);
            return m;
        }
    }

    /** What a change does. */
    enum Kind {
        /** A new plan with {@link Change#name()} and {@link Change#centsPerDay()}. */
        CREATE,
        /** A new price for plan {@link Change#planId()}. */
        PRICE,
        /** Plan {@link Change#planId()} is no longer sold; running subscriptions keep it. */
        RETIRE
    }

    /**
     * A checked change request (the constructor refuses bad values with a sentence for operators).
     * Names are 1–64 characters of letters, digits, space, '_' or '-'; prices 1 to 10^9 cents a day.
     */
    record Change(Kind kind, long planId, String name, long centsPerDay) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _-]{1,64}");
        public static final long MAX_CENTS = 1_000_000_000L;

        public Change {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.CREATE && (name == null || !NAME.matcher(name).matches() || name.isBlank())) {
                throw new IllegalArgumentException("A plan name is 1 to 64 letters, digits, spaces, '_' or '-'.");
            }
            if (kind != Kind.CREATE && planId < 1) {
                throw new IllegalArgumentException("A plan id is a number from 1.");
            }
            if (kind != Kind.RETIRE && (centsPerDay < 1 || centsPerDay > MAX_CENTS)) {
                throw new IllegalArgumentException("A price is from 0.01 to 10000000.00 USD a day.");
            }
        }

        public static Change create(String name, long centsPerDay) {
            return new Change(Kind.CREATE, 0, name, centsPerDay);
        }

        public static Change price(long planId, long centsPerDay) {
            return new Change(Kind.PRICE, planId, null, centsPerDay);
        }

        public static Change retire(long planId) {
            return new Change(Kind.RETIRE, planId, null, 0);
        }

        /**
         * A price in US dollars a day as typed by an operator ({@code 1.5}, {@code 12.00}) in cents.
         *
         * @throws IllegalArgumentException not a plain decimal, more than 2 decimals, or out of range
         */
        public static long centsOf(String usdPerDay) {
            if (usdPerDay == null || !usdPerDay.trim().matches("[0-9]{1,10}(\\.[0-9]{1,20})?")) {
                throw new IllegalArgumentException("A price is a plain number of US dollars a day, such as 1.50.");
            }
            BigDecimal value = new BigDecimal(usdPerDay.trim());
            if (value.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("A price has at most 2 decimals (cents): " + usdPerDay.trim());
            }
            BigDecimal cents = value.movePointRight(2);
            if (cents.signum() <= 0 || cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
                throw new IllegalArgumentException("A price is from 0.01 to 10000000.00 USD a day.");
            }
            return cents.longValueExact();
        }
    }

    /**
     * What happened: either sent by the host wallet ({@code transaction} present, mined; {@code planId}
     * the plan changed or created) or not sent because only {@code owner} may make the change: that
     * wallet sends {@code data} to contract {@code to} itself.
     */
    record Outcome(Optional<String> transaction, long planId, String owner, String to, String data) {
        public Outcome {
            Objects.requireNonNull(transaction, "transaction");
        }

        public static Outcome sent(String transaction, long planId, String to, String data) {
            return new Outcome(Optional.of(transaction), planId, null, to, data);
        }

        public static Outcome ownerMustSend(String owner, long planId, String to, String data) {
            return new Outcome(Optional.empty(), planId, owner, to, data);
        }

        public boolean isSent() {
            return transaction.isPresent();
        }

        /** The JSON shape the CLI and the admin API share. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sent", isSent());
            m.put("transaction", transaction.orElse(null));
            m.put("plan", planId);
            m.put("owner", owner);
            m.put("to", to);
            m.put("data", data);
            return m;
        }
    }
}
