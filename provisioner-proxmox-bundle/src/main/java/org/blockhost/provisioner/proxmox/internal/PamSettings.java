package org.blockhost.provisioner.proxmox.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pam_web3 settings every guest gets in {@code /etc/pam_web3.conf} (the same keys the libvirt
 * provisioner's seed writes): SIWE host, chain id, signing page; all three or none. Written through
 * the guest agent at set-owner.
 */
public record PamSettings(String host, long chainId, String signingUrl) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?");
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._~:/?\\[\\]@!$&()*+,;=%-]{2,1000}");
    private static final long MAX_CHAIN_ID = (1L << 53) - 1;

    /** Validated settings, or empty when none is set; errors name the field, never the value. */
    public static Optional<PamSettings> of(String host, long chainId, String signingUrl) {
        if (host.isEmpty() && chainId == 0 && signingUrl.isEmpty()) {
            return Optional.empty();
        }
        if (!HOST.matcher(host).matches() || host.length() > 253) {
            throw new IllegalArgumentException("invalid Proxmox provisioner setting: loginHost (host[:port], with loginChainId and signingUrl)");
        }
        if (chainId < 1 || chainId > MAX_CHAIN_ID) {
            throw new IllegalArgumentException("invalid Proxmox provisioner setting: loginChainId (1..2^53-1, with loginHost)");
        }
        if (!URL.matcher(signingUrl).matches()) {
            throw new IllegalArgumentException("invalid Proxmox provisioner setting: signingUrl (http(s) URL, with loginHost)");
        }
        return Optional.of(new PamSettings(host, chainId, signingUrl));
    }

    /** The file's text for one VM. */
    public String conf(String machine) {
        return "host = " + host + "\nchain_id = " + chainId + "\nsigning_url = " + signingUrl + "\nmachine = " + machine + "\n";
    }
}
