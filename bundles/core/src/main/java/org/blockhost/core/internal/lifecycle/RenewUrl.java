package org.blockhost.core.internal.lifecycle;

import java.net.URI;
import java.util.Optional;

import org.blockhost.provisioner.api.ExpiryNotice;

/**
 * The buy page's address as the tenant reaches it: {@code https://<publicHost>[:port]/servers}, the
 * port taken from the served HTTPS endpoint (left out when it is 443 or not known).
 */
final class RenewUrl {
    static final String PATH = "/servers";

    private RenewUrl() {
    }

    /** Empty when the public host is not set or does not make a valid renew URL. */
    static Optional<String> of(String publicHost, String httpsUrl) {
        if (publicHost == null || publicHost.isBlank()) {
            return Optional.empty();
        }
        String host = publicHost.strip();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = port(httpsUrl);
        String url = "https://" + host + (port > 0 && port != 443 ? ":" + port : "") + PATH;
        try {
            new ExpiryNotice(ExpiryNotice.Kind.BANNER, java.time.Instant.EPOCH, url);
            return Optional.of(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int port(String httpsUrl) {
        if (httpsUrl == null) {
            return -1;
        }
        try {
            return URI.create(httpsUrl).getPort();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
