package org.blockhost.web.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.web.api.CertificateRejectedException;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded certificates in a real Jetty: every bad upload is refused with a sentence and the
 * certificate served before stays (on the wire and on disk); a good one is served at once and kept.
 */
class ReplacementTest {
    private static final Set<String> HOSTS = Set.of("admin.example.com", "203.0.113.7");
    private static final List<String> NAMES = List.of("admin.example.com", "203.0.113.7", "localhost");

    @TempDir
    Path dir;
    private final AtomicInteger port = new AtomicInteger();
    private Server server;
    private Credentials first;
    private Replacement replacement;

    @BeforeEach
    void serve() throws Exception {
        first = SelfSigned.create(List.of("localhost"));
        TlsConnector tls = new TlsConnector("127.0.0.1", 0, first, port::set);
        server = new Server();
        server.addConnector(tls.createConnector(server));
        server.start();
        replacement = new Replacement(tls, new UploadedFiles(dir));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aGoodUploadIsServedAtOnceAndKeptWithAPrivateKeyFile() throws Exception {
        Credentials next = SelfSigned.create(NAMES);
        String fingerprint = replacement.replace(chain(next), key(next), HOSTS);
        assertEquals(next.fingerprint(), fingerprint);
        assertEquals(next.fingerprint(), TlsConnectorTest.served(port.get()), "new connections get the upload");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("uploaded.key"))));
        Credentials kept = new UploadedFiles(dir).load();
        assertNotNull(kept, "a restart serves the upload");
        assertEquals(next.fingerprint(), kept.fingerprint());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Credentials next = SelfSigned.create(NAMES);
        refused(chain(next), key(SelfSigned.create(NAMES)), "does not belong");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        Credentials old = SelfSigned.create(NAMES, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)));
        refused(chain(old), key(old), "has expired");
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        Instant now = Instant.now();
        Credentials early = SelfSigned.create(NAMES, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        refused(chain(early), key(early), "not valid yet");
    }

    @Test
    void aCertificateMissingAHostNameIsRefused() throws Exception {
        Credentials other = SelfSigned.create(List.of("admin.example.com", "localhost"));
        String message = refused(chain(other), key(other), "does not name 203.0.113.7");
        assertFalse(message.contains("admin.example.com"), message);
    }

    @Test
    void aWildcardNameCoversOneLabel() throws Exception {
        Credentials wild = SelfSigned.create(List.of("*.example.com", "203.0.113.7"));
        assertEquals(wild.fingerprint(), replacement.replace(chain(wild), key(wild), HOSTS));
        Credentials deeper = SelfSigned.create(List.of("*.example.com", "203.0.113.7"));
        refused(chain(deeper), key(deeper), Set.of("a.b.example.com"), "does not name a.b.example.com");
    }

    @Test
    void garbageIsRefusedWithoutTheParsersWords() throws Exception {
        Credentials next = SelfSigned.create(NAMES);
        String garbage = "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n";
        refused(garbage, key(next), "not a PEM certificate chain");
        refused("hello", key(next), "not a PEM certificate chain");
        refused(chain(next), "-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n", "exactly one PEM private key");
        refused(chain(next), "", "Choose both");
    }

    @Test
    void twoKeysAreRefused() throws Exception {
        Credentials next = SelfSigned.create(NAMES);
        refused(chain(next), key(next) + key(SelfSigned.create(NAMES)), "exactly one PEM private key");
    }

    @Test
    void oversizedFilesAreRefused() throws Exception {
        Credentials next = SelfSigned.create(NAMES);
        String padded = chain(next) + "#".repeat(UploadCheck.MAX_CHARS);
        refused(padded, key(next), "at most 64 KiB");
    }

    private String refused(String chain, String key, String expected) throws Exception {
        return refused(chain, key, HOSTS, expected);
    }

    private String refused(String chain, String key, Set<String> hosts, String expected) throws Exception {
        String before = TlsConnectorTest.served(port.get());
        CertificateRejectedException e = assertThrows(CertificateRejectedException.class,
                () -> replacement.replace(chain, key, hosts));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        String body = key.replaceAll("-----[A-Z ]+-----|\\s", "");
        assertFalse(e.getMessage().contains("-----") || body.length() > 16 && e.getMessage().contains(body.substring(0, 16)),
                "no PEM text in " + e.getMessage());
        assertEquals(before, TlsConnectorTest.served(port.get()), "the served certificate is unchanged");
        assertFalse(Files.exists(dir.resolve("uploaded.key")) && before.equals(first.fingerprint()),
                "nothing was written");
        return e.getMessage();
    }

    static String chain(Credentials c) throws CertificateEncodingException {
        return Pem.pem("CERTIFICATE", c.chain().get(0).getEncoded());
    }

    static String key(Credentials c) {
        return Pem.pem("PRIVATE KEY", c.key().getEncoded());
    }
}
