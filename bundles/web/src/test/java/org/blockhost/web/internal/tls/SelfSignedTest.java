package org.blockhost.web.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedTest {

    @Test
    void aSelfSignedEcdsaServerCertificateWithTheGivenSans(@TempDir Path dir) throws Exception {
        Credentials c = SelfSigned.create(List.of("host.example.com", "localhost", "127.0.0.1", "::1"));
        X509Certificate cert = c.chain().get(0);
        cert.verify(cert.getPublicKey());
        cert.checkValidity();
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        Set<String> sans = cert.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).collect(Collectors.toSet());
        assertEquals(Set.of("host.example.com", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), sans);
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertEquals(fingerprint, c.fingerprint());
        assertTrue(c.keyStore().keyStore().isKeyEntry("blockhost"));

        Path crt = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Pem.write(c, crt, key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Credentials back = Pem.read(crt, key);
        assertEquals(c.fingerprint(), back.fingerprint());
        assertArrayEquals(c.key().getEncoded(), back.key().getEncoded());
    }

    @Test
    void pemFilesWithoutACertificateOrWithTwoKeysAreRefused(@TempDir Path dir) throws Exception {
        Credentials c = SelfSigned.create(List.of("localhost"));
        Path crt = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Pem.write(c, crt, key);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThrows(GeneralSecurityException.class, () -> Pem.read(empty, key));
        Path twoKeys = Files.writeString(dir.resolve("two.key"), Files.readString(key) + Files.readString(key));
        assertThrows(GeneralSecurityException.class, () -> Pem.read(crt, twoKeys));
    }
}
