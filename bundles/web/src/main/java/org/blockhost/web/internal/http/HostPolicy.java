package org.blockhost.web.internal.http;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code Host} headers are answered (against DNS rebinding): the configured host names, IP
 * literals of this machine's own interfaces (a rebinding page sends its own name, never these),
 * and {@code localhost} in dev mode or from a loopback peer.
 */
public final class HostPolicy {
    private final Set<String> names;
    private final boolean dev;

    public HostPolicy(Set<String> names, boolean dev) {
        this.names = names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.dev = dev;
    }

    /** The configured host names (lower case). */
    public Set<String> names() {
        return names;
    }

    public boolean dev() {
        return dev;
    }

    /** Whether a request with this Host header from this peer is answered. */
    public boolean allowed(String hostHeader, boolean loopbackPeer) {
        return Net.hostOf(hostHeader).map(host -> names.contains(host)
                || ((dev || loopbackPeer) && Net.loopbackName(host))
                || (!"localhost".equals(host) && Net.localAddress(host))).orElse(false);
    }
}
