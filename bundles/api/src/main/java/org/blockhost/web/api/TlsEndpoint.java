package org.blockhost.web.api;

import org.osgi.annotation.versioning.ProviderType;

/** The HTTPS endpoint while it serves: where it is and which certificate it presents. */
@ProviderType
public interface TlsEndpoint {

    /** The base URL, for example {@code https://127.0.0.1:8443}, without a trailing slash. */
    String httpsUrl();

    /** SHA-256 fingerprint of the served certificate, upper-case hex pairs joined by colons. */
    String fingerprint();

    /** The served certificate, DER-encoded. */
    byte[] certificate();

    /**
     * Serves a new certificate from now on, without a restart, and keeps it across restarts. Checked
     * first, failing closed (nothing changes on any failure): a PEM certificate chain (leaf first) and
     * exactly one PEM private key, each at most 64 KiB; the key belongs to the leaf; the leaf is valid
     * now; its alternative names cover every host name the server is configured to answer. Refused
     * while the configuration names certificate files (the operator replaces those instead).
     *
     * @return the new certificate's SHA-256 fingerprint, as {@link #fingerprint()}
     * @throws CertificateRejectedException with a sentence safe to show
     */
    String replace(String chainPem, String keyPem) throws CertificateRejectedException;
}
