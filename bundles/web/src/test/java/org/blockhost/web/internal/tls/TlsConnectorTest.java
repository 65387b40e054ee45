package org.blockhost.web.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS connector in a real Jetty: serves the credentials, swaps in new ones without a restart. */
class TlsConnectorTest {

    @Test
    void servesTheCertificateAndReloadsNewPemFilesLive(@TempDir Path dir) throws Exception {
        Credentials first = SelfSigned.create(List.of("localhost", "127.0.0.1"));
        AtomicInteger port = new AtomicInteger();
        TlsConnector tls = new TlsConnector("127.0.0.1", 0, first, port::set);
        Server server = new Server();
        Connector connector = tls.createConnector(server);
        server.addConnector(connector);
        server.start();
        try {
            assertTrue(port.get() > 0, "the started hook saw the port");
            assertEquals(first.fingerprint(), served(port.get()));
            Path crt = dir.resolve("fullchain.pem");
            Path key = dir.resolve("privkey.pem");
            Pem.write(SelfSigned.create(List.of("host.example.com")), crt, key);
            Credentials next = Pem.read(crt, key);
            tls.reload(next);
            assertNotEquals(first.fingerprint(), next.fingerprint());
            assertEquals(next.fingerprint(), served(port.get()), "new connections get the new certificate");
            assertEquals(next.fingerprint(), tls.credentials().fingerprint());
        } finally {
            server.stop();
        }
    }

    static String served(int port) throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                seen.set(chain[0]); // compared by fingerprint below
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
        }
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(seen.get().getEncoded()));
    }
}
