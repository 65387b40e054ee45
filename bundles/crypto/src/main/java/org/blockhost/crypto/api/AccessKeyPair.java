package org.blockhost.crypto.api;

import java.util.Arrays;

/** A derived access key: secret k and public K. Wipes k on {@link #destroy()} / {@link #close()}. */
public final class AccessKeyPair implements AutoCloseable {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private volatile boolean destroyed;

    AccessKeyPair(byte[] privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A copy of k (32 bytes); the caller owns and should wipe the copy. */
    public byte[] privateKey() {
        checkAlive();
        return privateKey.clone();
    }

    /** K, 33 bytes compressed. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** ECIES-decrypts with k. */
    public byte[] decrypt(byte[] ciphertext) {
        checkAlive();
        return Ecies.decrypt(privateKey, ciphertext);
    }

    /** Overwrites k with zeros. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("access key pair has been destroyed");
        }
    }

    @Override
    public String toString() {
        return "AccessKeyPair[publicKey=" + Hex.encode(publicKey) + ", privateKey=<redacted>]";
    }
}
