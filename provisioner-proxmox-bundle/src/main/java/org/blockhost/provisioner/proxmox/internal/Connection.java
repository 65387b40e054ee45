package org.blockhost.provisioner.proxmox.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;

import org.blockhost.provisioner.proxmox.internal.pve.ApiToken;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveTls;
import org.blockhost.provisioner.proxmox.internal.pve.Tasks;

/** The API client the settings describe: the token from its key file, TLS by CA or pinned fingerprint. */
public final class Connection {
    private Connection() {
    }

    public static PveClient open(Settings s) throws IOException, GeneralSecurityException {
        return open(s, ApiToken.fromKeyFile(s.tokenId(), s.tokenSecretFile()));
    }

    /** The client with a token not (yet) in the key file: the wizard's check before anything is stored. */
    public static PveClient open(Settings s, ApiToken token) throws IOException, GeneralSecurityException {
        PveTls tls = s.caFile().isPresent() ? PveTls.ca(s.caFile().get()) : PveTls.pinned(s.fingerprint().orElseThrow());
        return new PveClient(s.apiUrl(), token, tls, s.requestTimeoutMs());
    }

    public static Tasks tasks(PveClient pve, Settings s) {
        return new Tasks(pve, s.taskTimeout(), s.taskPoll());
    }
}
