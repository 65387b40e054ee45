package org.blockhost.web.internal.tls;

import java.net.InetAddress;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.blockhost.web.api.CertificateRejectedException;
import org.blockhost.web.api.ClientAddress;

/**
 * The checks an uploaded certificate passes before it is served, failing closed: PEM chain and one
 * key (each at most {@value #MAX_CHARS} characters), the key belongs to the leaf, the leaf is valid
 * now, its alternative names cover every configured host name. Messages are fixed sentences: no
 * parser's words, never key material.
 */
final class UploadCheck {
    static final int MAX_CHARS = 64 * 1024;

    private UploadCheck() {
    }

    static Credentials check(String chainPem, String keyPem, Set<String> hosts, Date now)
            throws CertificateRejectedException {
        if (chainPem == null || chainPem.isBlank() || keyPem == null || keyPem.isBlank()) {
            throw new CertificateRejectedException("Choose both a certificate chain file and a private key file.");
        }
        if (chainPem.length() > MAX_CHARS || keyPem.length() > MAX_CHARS) {
            throw new CertificateRejectedException("A file is too large: each may be at most 64 KiB.");
        }
        List<X509Certificate> chain = chain(chainPem);
        PrivateKey key = key(keyPem);
        X509Certificate leaf = chain.get(0);
        if (!belongsTo(key, leaf.getPublicKey())) {
            throw new CertificateRejectedException("The private key does not belong to the certificate (the first one "
                    + "in the chain file).");
        }
        try {
            leaf.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new CertificateRejectedException("The certificate has expired (valid until " + leaf.getNotAfter()
                    .toInstant() + ").");
        } catch (CertificateNotYetValidException e) {
            throw new CertificateRejectedException("The certificate is not valid yet (valid from " + leaf.getNotBefore()
                    .toInstant() + ").");
        }
        Set<String> missing = missing(leaf, hosts);
        if (!missing.isEmpty()) {
            throw new CertificateRejectedException("The certificate does not name " + String.join(", ", missing)
                    + ", which this host answers to: browsers would refuse it there.");
        }
        return new Credentials(key, chain);
    }

    private static List<X509Certificate> chain(String text) throws CertificateRejectedException {
        try {
            return Pem.certificates(text);
        } catch (Exception e) {
            throw new CertificateRejectedException("The certificate file is not a PEM certificate chain "
                    + "(BEGIN CERTIFICATE blocks, the server's certificate first).");
        }
    }

    private static PrivateKey key(String text) throws CertificateRejectedException {
        try {
            return Pem.privateKey(text);
        } catch (Exception e) {
            throw new CertificateRejectedException("The key file must hold exactly one PEM private key (PKCS#8, EC or "
                    + "RSA), unencrypted.");
        }
    }

    /** Whether the key signs what the public key verifies. */
    static boolean belongsTo(PrivateKey key, PublicKey pub) {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (alg == null || !key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(challenge);
            byte[] sig = sign.sign();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(challenge);
            return verify.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    /** The configured host names the leaf's DNS and IP alternative names do not cover. */
    static Set<String> missing(X509Certificate leaf, Set<String> hosts) throws CertificateRejectedException {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                if (Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String s) {
                    dns.add(s.toLowerCase(Locale.ROOT));
                } else if (Integer.valueOf(7).equals(san.get(0)) && san.get(1) instanceof String s) {
                    ClientAddress.literal(s).ifPresent(ips::add);
                }
            }
        } catch (Exception e) {
            throw new CertificateRejectedException("The certificate's alternative names cannot be read.");
        }
        Set<String> missing = new TreeSet<>();
        for (String host : hosts) {
            if (!covered(host.toLowerCase(Locale.ROOT), dns, ips)) {
                missing.add(host);
            }
        }
        return missing;
    }

    private static boolean covered(String host, List<String> dns, List<InetAddress> ips) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        java.util.Optional<InetAddress> ip = ClientAddress.literal(bare);
        if (ip.isPresent()) {
            return ips.contains(ip.get());
        }
        for (String name : dns) {
            if (name.equals(host) || name.startsWith("*.") && host.indexOf('.') > 0
                    && host.substring(host.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
