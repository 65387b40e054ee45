package org.blockhost.web.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** A private key and its certificate chain (leaf first), as served by the HTTPS connector. */
public record Credentials(PrivateKey key, List<X509Certificate> chain) {

    public Credentials {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        chain = List.copyOf(chain);
    }

    /** SHA-256 of the leaf certificate's DER, upper-case hex pairs joined by colons. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] leafDer() {
        try {
            return chain.get(0).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory PKCS#12 key store holding these credentials under a random password. */
    public Store keyStore() throws GeneralSecurityException {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        char[] password = Base64.getEncoder().encodeToString(raw).toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("blockhost", key, password, chain.toArray(new X509Certificate[0]));
        return new Store(ks, new String(password));
    }

    /** A key store and its password (memory only). */
    public record Store(KeyStore keyStore, String password) {
    }
}
