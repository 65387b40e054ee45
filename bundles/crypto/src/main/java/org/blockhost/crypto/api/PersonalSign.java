package org.blockhost.crypto.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.internal.Ecdsa;

/**
 * EIP-191 version 0x45 ({@code personal_sign}): keccak256("\x19Ethereum Signed Message:\n" + len + message).
 */
public final class PersonalSign {
    private PersonalSign() {
    }

    /** The EIP-191 digest of message bytes. */
    public static byte[] hash(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
        byte[] buf = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, buf, prefix.length, message.length);
        return Keccak.hash256(buf);
    }

    /** The EIP-191 digest of UTF-8 text. */
    public static byte[] hash(String message) {
        return hash(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs (RFC 6979, low S); v is 27/28. */
    public static EthSignature sign(byte[] privateKey, byte[] message) {
        return Ecdsa.sign(hash(message), privateKey);
    }

    public static EthSignature sign(byte[] privateKey, String message) {
        return sign(privateKey, message.getBytes(StandardCharsets.UTF_8));
    }

    /** The signer's address. */
    public static Address recover(byte[] message, EthSignature signature) {
        return Address.fromPublicKey(recoverPublicKey(message, signature));
    }

    public static Address recover(String message, EthSignature signature) {
        return recover(message.getBytes(StandardCharsets.UTF_8), signature);
    }

    /** The signer's public key, 65 bytes uncompressed. */
    public static byte[] recoverPublicKey(byte[] message, EthSignature signature) {
        return Ecdsa.recover(hash(message), signature).getEncoded(false);
    }

    /** True if {@code signature} over {@code message} recovers to {@code expected}; false on any error. */
    public static boolean verify(byte[] message, EthSignature signature, Address expected) {
        try {
            return recover(message, signature).equals(expected);
        } catch (CryptoException e) {
            return false;
        }
    }
}
