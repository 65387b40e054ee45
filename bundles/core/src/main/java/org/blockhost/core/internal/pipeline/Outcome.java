package org.blockhost.core.internal.pipeline;

import org.blockhost.core.internal.store.SqlFunction;

/**
 * The result of one stage's work: either success, with the store changes that record it (run in
 * the same transaction as the stage advance), or a failure with its reason.
 */
public record Outcome(boolean ok, SqlFunction<Void> effect, String reason, boolean retryable, boolean waiting) {

    public static Outcome success(SqlFunction<Void> effect) {
        return new Outcome(true, effect, "", false, false);
    }

    public static Outcome retry(String reason) {
        return new Outcome(false, null, reason, true, false);
    }

    public static Outcome park(String reason) {
        return new Outcome(false, null, reason, false, false);
    }

    /** The plugin the stage needs went away: no attempt is counted, the job waits for it. */
    public static Outcome waitFor(String reason) {
        return new Outcome(false, null, reason, true, true);
    }
}
