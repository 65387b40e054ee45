package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.web3j.crypto.RawTransaction;

/**
 * One nonce of the host key as this sender submitted it: the latest signed version, every hash it
 * was (re)submitted under, when it was last submitted and whether fee bumps stopped at the cap.
 * Mutations happen under {@code synchronized (this)}.
 */
final class Tracked {
    private volatile RawTransaction tx;
    private final List<String> hashes = new CopyOnWriteArrayList<>();
    private volatile long lastSubmitNanos;
    private volatile long lastGapCheckNanos;
    private volatile boolean capped;

    Tracked(RawTransaction tx, String hash) {
        this.tx = tx;
        this.hashes.add(hash);
        this.lastSubmitNanos = System.nanoTime();
        this.lastGapCheckNanos = lastSubmitNanos;
    }

    RawTransaction tx() {
        return tx;
    }

    BigInteger nonce() {
        return tx.getNonce();
    }

    List<String> hashes() {
        return hashes;
    }

    long lastSubmitNanos() {
        return lastSubmitNanos;
    }

    boolean capped() {
        return capped;
    }

    void cap() {
        capped = true;
    }

    /** Records a re-priced version under its new hash. */
    void replaced(RawTransaction newer, String hash) {
        tx = newer;
        if (!hashes.contains(hash)) {
            hashes.add(hash);
        }
        lastSubmitNanos = System.nanoTime();
    }

    /** Records a re-broadcast of the same transaction. */
    void rebroadcast() {
        lastSubmitNanos = System.nanoTime();
    }

    /** Whether the nonce gap check is due ({@code every} since the last one), and marks it done. */
    boolean gapCheckDue(long everyNanos) {
        long now = System.nanoTime();
        if (now - lastGapCheckNanos < everyNanos) {
            return false;
        }
        lastGapCheckNanos = now;
        return true;
    }
}
