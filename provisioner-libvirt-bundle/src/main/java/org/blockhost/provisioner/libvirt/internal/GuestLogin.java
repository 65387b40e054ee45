package org.blockhost.provisioner.libvirt.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pam_web3 settings every guest gets in {@code /etc/pam_web3.conf} (through the root agent's
 * {@code seed-create}): the SIWE host, the chain id and the signing page. All three or none.
 */
public record GuestLogin(String host, long chainId, String signingUrl) {
    public static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?");
    public static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._~:/?\\[\\]@!$&()*+,;=%-]{2,1000}");
    public static final long MAX_CHAIN_ID = (1L << 53) - 1;

    /** Validated settings, or empty when none is set; messages name the field, never the value. */
    public static Optional<GuestLogin> of(String host, long chainId, String signingUrl) {
        boolean h = host != null && !host.isEmpty();
        boolean c = chainId != 0;
        boolean u = signingUrl != null && !signingUrl.isEmpty();
        if (!h && !c && !u) {
            return Optional.empty();
        }
        if (!h || !HOST.matcher(host).matches() || host.length() > 253 || !portOk(host)) {
            throw new IllegalArgumentException("loginHost: must be a host name or IPv4 address with an optional "
                    + ":port (needed with loginChainId and signingUrl)");
        }
        if (chainId < 1 || chainId > MAX_CHAIN_ID) {
            throw new IllegalArgumentException("loginChainId: must be between 1 and 2^53-1 (needed with loginHost)");
        }
        if (!u || !URL.matcher(signingUrl).matches()) {
            throw new IllegalArgumentException("signingUrl: must be an http(s) URL without spaces, quotes or "
                    + "fragment (needed with loginHost)");
        }
        return Optional.of(new GuestLogin(host, chainId, signingUrl));
    }

    private static boolean portOk(String host) {
        int colon = host.indexOf(':');
        if (colon < 0) {
            return true;
        }
        int port = Integer.parseInt(host.substring(colon + 1));
        return port >= 1 && port <= 65535;
    }
}
