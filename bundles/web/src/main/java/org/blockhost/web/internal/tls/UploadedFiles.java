package org.blockhost.web.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate an admin uploaded, kept in {@code <state>/tls/uploaded.crt} and {@code uploaded.key}
 * (key 0600, each written to a temporary file and renamed) so it is served again after a restart.
 */
final class UploadedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UploadedFiles.class);
    private final Path cert;
    private final Path key;

    UploadedFiles(Path tlsDir) {
        this.cert = tlsDir.resolve("uploaded.crt");
        this.key = tlsDir.resolve("uploaded.key");
    }

    /** The uploaded credentials, or null when there are none or they cannot be used (logged). */
    Credentials load() {
        if (!Files.exists(cert) || !Files.exists(key)) {
            return null;
        }
        try {
            Credentials c = Pem.read(cert, key);
            if (!UploadCheck.belongsTo(c.key(), c.chain().get(0).getPublicKey())) {
                throw new IOException("the key does not belong to the certificate");
            }
            return c;
        } catch (Exception e) {
            LOG.warn("the uploaded TLS certificate in {} cannot be used ({}); serving the self-signed one", cert,
                    e.getMessage());
            return null;
        }
    }

    void save(Credentials c) throws IOException {
        Pem.write(c, cert, key);
    }
}
