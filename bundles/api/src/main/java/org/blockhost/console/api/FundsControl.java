package org.blockhost.console.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's fund manager for the consoles (console API 1.3): its settings and last runs, a dry run and
 * a run in the background. Runs pay the revenue shares and the rest through the engine's one
 * sender; a run never pays a transfer twice.
 */
@ProviderType
public interface FundsControl {

    /**
     * {@code enabled}, {@code intervalMinutes}, {@code shares} (role → basis points),
     * {@code remainderRole}, {@code gasThreshold}, {@code running} and {@code runs}: the last 10, newest
     * first, each {@code run, started, finished, state, detail, transfers: [{kind, role, to, asset,
     * amount, state, transaction}]} (amounts as decimal strings of the smallest unit).
     */
    Map<String, Object> status();

    /**
     * What a run would send now, one sentence a line; nothing is sent.
     *
     * @throws IllegalStateException the chain or the engine cannot tell now (a sentence)
     */
    List<String> dryRun();

    /** Starts a run in the background; false when one is running already. */
    boolean start();
}
