package org.blockhost.provisioner.proxmox.internal.pve;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the PVE server is trusted: either the cluster's CA ({@code pve-root-ca.pem}; chain and host
 * name checked by the JDK) or the SHA-256 fingerprint of the server's own certificate (the leaf is
 * pinned; the host name is then not checked, the pin identifies the server). Never "trust all".
 */
public final class PveTls {
    public static final Pattern FINGERPRINT = Pattern.compile("([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{64}");
    private final SSLSocketFactory factory;
    private final HostnameVerifier verifier;

    /** One factory and verifier for every request, so connections are kept alive and reused. */
    private PveTls(SSLContext context, HostnameVerifier verifier) {
        this.factory = context.getSocketFactory();
        this.verifier = verifier;
    }

    /** Trust the CA certificate(s) in a PEM file. */
    public static PveTls ca(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + n++, c);
            }
        }
        if (n == 0) {
            throw new IOException("no certificate in " + pemFile);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new PveTls(ctx, null);
    }

    /** Trust exactly the server certificate with this SHA-256 fingerprint (hex, colons optional). */
    public static PveTls pinned(String fingerprint) throws GeneralSecurityException {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("fingerprint must be a SHA-256 (64 hex digits, colons optional)");
        }
        byte[] pin = HexFormat.of().parseHex(fingerprint.replace(":", "").toLowerCase(Locale.ROOT));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new Pin(pin)}, null);
        return new PveTls(ctx, (host, session) -> true);
    }

    /** The SHA-256 fingerprint of a certificate, as PVE shows it ({@code AB:CD:...}). */
    public static String fingerprintOf(X509Certificate cert) throws GeneralSecurityException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    }

    SSLSocketFactory factory() {
        return factory;
    }

    /** The host name verifier to use, or null for the JDK's (CA mode). */
    HostnameVerifier verifier() {
        return verifier;
    }

    /** Accepts a server whose leaf certificate hashes to the pin; refuses every client check. */
    private static final class Pin extends X509ExtendedTrustManager {
        private final byte[] pin;

        Pin(byte[] pin) {
            this.pin = pin.clone();
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
                if (!MessageDigest.isEqual(d, pin)) {
                    throw new CertificateException("server certificate does not match the pinned fingerprint");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { check(c); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { check(c); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { check(c); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { refuse(); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }

        private static void refuse() throws CertificateException {
            throw new CertificateException("not a server");
        }
    }
}
