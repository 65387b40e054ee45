package org.blockhost.web.internal.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.blockhost.web.api.ClientAddress;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A self-signed ECDSA P-256 server certificate built with Bouncy Castle's ASN.1 classes and
 * signed through the JDK: subject {@code CN=BlockHost}, SANs = the given names and addresses,
 * valid 825 days, {@code serverAuth} only, not a CA.
 */
public final class SelfSigned {
    static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSigned() {
    }

    public static Credentials create(Collection<String> names) throws GeneralSecurityException {
        Instant now = Instant.now();
        return create(names, now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    }

    /** A self-signed certificate valid from {@code from} until {@code until}. */
    static Credentials create(Collection<String> names, Instant from, Instant until) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = gen.generateKeyPair();
        try {
            AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            X500Name subject = new X500Name("CN=BlockHost");
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(1, serial)));
            tbs.setIssuer(subject);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(Date.from(from)));
            tbs.setEndDate(new Time(Date.from(until)));
            tbs.setSignature(alg);
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            tbs.setExtensions(extensions(names));
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(body.getEncoded("DER"));
            byte[] der = new DERSequence(new ASN1Encodable[] {body, alg, new DERBitString(signer.sign())}).getEncoded("DER");
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            return new Credentials(pair.getPrivate(), List.of(cert));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode the certificate", e);
        }
    }

    private static org.bouncycastle.asn1.x509.Extensions extensions(Collection<String> names) throws java.io.IOException {
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            sans.add(ClientAddress.literal(n).isPresent() ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        if (!sans.isEmpty()) {
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        return ext.generate();
    }
}
