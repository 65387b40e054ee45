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
}
