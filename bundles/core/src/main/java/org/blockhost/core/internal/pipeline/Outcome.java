package org.blockhost.core.internal.pipeline;

import org.blockhost.core.internal.store.SqlFunction;

/**
 * The result of one stage's work: either success, with the store changes that record it (run in
 * the same transaction as the stage advance), or a failure with its reason. An outage (the chain
 * or the root agent unreachable) is retried with backoff for as long as it lasts and never spends
 * the retry budget: only failures of the plugin's own logic do.
 */
public record Outcome(boolean ok, SqlFunction<Void> effect, String reason, boolean retryable, boolean waiting,
        boolean outage, long laterMillis) {

    public static Outcome success(SqlFunction<Void> effect) {
        return new Outcome(true, effect, "", false, false, false, 0);
    }

    public static Outcome retry(String reason) {
        return new Outcome(false, null, reason, true, false, false, 0);
    }

    /** The plugin's environment is unreachable: retry with backoff, unbounded. */
    public static Outcome outage(String reason) {
        return new Outcome(false, null, reason, true, false, true, 0);
    }

    public static Outcome park(String reason) {
        return new Outcome(false, null, reason, false, false, false, 0);
    }

    /** The plugin the stage needs went away: no attempt is counted, the job waits for it. */
    public static Outcome waitFor(String reason) {
        return new Outcome(false, null, reason, true, true, false, 0);
    }

    /** Not yet (the guest is still booting): the same stage again after {@code millis}, nothing counted against the budget. */
    public static Outcome later(String reason, long millis) {
        return new Outcome(false, null, reason, true, false, true, Math.max(1, millis));
    }
}
