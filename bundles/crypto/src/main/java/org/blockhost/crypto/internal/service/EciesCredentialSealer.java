package org.blockhost.crypto.internal.service;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.CredentialSealer;
import org.osgi.service.component.annotations.Component;

/**
 * Seals VM credentials to a subscriber's access key with the design's ECIES scheme (secp256k1,
 * HKDF-SHA256, AES-256-GCM), so that only the wallet that derived the key can read them.
 */
@Component(service = CredentialSealer.class)
public final class EciesCredentialSealer implements CredentialSealer {

    @Override
    public byte[] seal(String accessKey, byte[] plaintext) {
        if (!AccessKey.isValidCompressed(accessKey)) {
            throw new IllegalArgumentException("access key must be a 33-byte compressed secp256k1 point in hex");
        }
        try {
            return AccessKey.encrypt(Hex.decode(accessKey), plaintext);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("access key is not a valid secp256k1 point", e);
        }
    }
}
