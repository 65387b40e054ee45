package org.blockhost.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Encrypts a VM's connection details to a subscriber's access key, so that only the holder of
 * the wallet that derived the key can read them. The crypto bundle implements it with the ECIES
 * scheme of the design (secp256k1, HKDF-SHA256, AES-256-GCM); core calls it before minting.
 *
 * <p>Threading: thread-safe, pure computation (no I/O). A fresh ephemeral key per call is
 * expected, so two calls on the same input return different blobs; both decrypt to the input.
 */
@ConsumerType
public interface CredentialSealer {

    /**
     * Encrypts {@code plaintext} to {@code accessKey}.
     *
     * @param accessKey the access key K: 33-byte compressed secp256k1 point, lowercase hex
     * @param plaintext the UTF-8 bytes of the compact credentials JSON
     * @return the encrypted blob (ephemeral public key, nonce, tag, ciphertext)
     * @throws IllegalArgumentException when the access key is not a valid point
     */
    byte[] seal(String accessKey, byte[] plaintext);
}
