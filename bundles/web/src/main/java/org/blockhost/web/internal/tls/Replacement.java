package org.blockhost.web.internal.tls;

import java.io.IOException;
import java.util.Date;
import java.util.Set;

import org.blockhost.web.api.CertificateRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an uploaded certificate in service: checked ({@link UploadCheck}), served by the connector
 * (new connections; no restart), then kept in the uploaded files. On any failure the certificate
 * served before stays in service.
 */
final class Replacement {
    private static final Logger LOG = LoggerFactory.getLogger(Replacement.class);
    private static final Object LOCK = new Object();
    private final TlsConnector connector;
    private final UploadedFiles files;

    Replacement(TlsConnector connector, UploadedFiles files) {
        this.connector = connector;
        this.files = files;
    }

    /** @return the new certificate's SHA-256 fingerprint */
    String replace(String chainPem, String keyPem, Set<String> hosts) throws CertificateRejectedException {
        Credentials next = UploadCheck.check(chainPem, keyPem, hosts, new Date());
        synchronized (LOCK) {
            Credentials previous = connector.credentials();
            try {
                connector.reload(next);
            } catch (Exception e) {
                LOG.warn("an uploaded TLS certificate could not be put in service: {}", e.getMessage());
                restore(previous);
                throw new CertificateRejectedException("The certificate could not be put in service; the previous one "
                        + "is still served.");
            }
            try {
                files.save(next);
            } catch (IOException e) {
                LOG.warn("an uploaded TLS certificate could not be saved: {}", e.getMessage());
                restore(previous);
                throw new CertificateRejectedException("The certificate could not be saved; the previous one is still "
                        + "served.");
            }
        }
        LOG.info("TLS certificate replaced by an upload: SHA-256 fingerprint {}", next.fingerprint());
        return next.fingerprint();
    }

    private void restore(Credentials previous) {
        try {
            connector.reload(previous);
        } catch (Exception e) {
            LOG.error("could not go back to the previous TLS certificate: {}", e.getMessage());
        }
    }
}
