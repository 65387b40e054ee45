package org.blockhost.web.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM files: certificate chains and private keys ({@code PRIVATE KEY} PKCS#8, {@code EC PRIVATE
 * KEY} SEC1 and {@code RSA PRIVATE KEY} PKCS#1, as certbot and openssl write them). Fails closed:
 * anything else is an error naming the file.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {
    }

    public static Credentials read(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain;
        try {
            chain = certificates(Files.readString(certFile, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(certFile + ": " + e.getMessage());
        }
        try {
            return new Credentials(privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII)), chain);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(keyFile + ": " + e.getMessage());
        }
    }

    /** The certificates of PEM text, in order (other blocks ignored); at least one. */
    static List<X509Certificate> certificates(String text) throws GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Block b : blocks(text)) {
            if ("CERTIFICATE".equals(b.type())) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("holds no PEM certificate");
        }
        return chain;
    }

    /** The one private key of PEM text. */
    static PrivateKey privateKey(String text) throws GeneralSecurityException, IOException {
        List<Block> keys = blocks(text).stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new GeneralSecurityException("must hold exactly one PEM private key");
        }
        return key(keys.get(0));
    }

    /** Writes a key (0600) and its certificate as PEM, each through a temporary file and a rename. */
    public static void write(Credentials c, Path certFile, Path keyFile) throws IOException {
        Files.createDirectories(keyFile.getParent());
        writeAtomically(keyFile, pem("PRIVATE KEY", c.key().getEncoded()), true);
        StringBuilder chain = new StringBuilder();
        try {
            for (X509Certificate cert : c.chain()) {
                chain.append(pem("CERTIFICATE", cert.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
        writeAtomically(certFile, chain.toString(), false);
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey key(Block b) throws GeneralSecurityException, IOException {
        byte[] pkcs8 = switch (b.type()) {
            case "PRIVATE KEY" -> b.der();
            case "EC PRIVATE KEY" -> {
                ECPrivateKey sec1 = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(b.der()));
                yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        sec1.getParametersObject()), sec1).getEncoded("DER");
            }
            case "RSA PRIVATE KEY" -> new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                    DERNull.INSTANCE), ASN1Primitive.fromByteArray(b.der())).getEncoded("DER");
            default -> throw new GeneralSecurityException("unsupported key type " + b.type());
        };
        String alg = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm()
                .equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String text) throws GeneralSecurityException {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("bad base64 in a PEM block");
            }
        }
        return out;
    }
}
