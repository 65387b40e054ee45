package org.blockhost.provisioner.proxmox.internal.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.provisioner.proxmox.internal.Connection;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.ApiToken;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterChoices;

/**
 * The page's "Check" and "Save": the fields ({@link ProxmoxForm}), then the API with the typed
 * secret (or the stored key file): nodes, storages and bridges it reports, and the privileges the
 * token lacks. "Save" also needs node, storage and bridge among those and no missing privilege.
 * Messages are fixed text: never the secret, never an exception's text.
 */
final class WizardCheck {
    static final String SECRET = "secret";

    /** Errors by field (empty = fine); the choices when the API answered. */
    record Outcome(Map<String, String> errors, ClusterChoices choices) {
    }

    private WizardCheck() {
    }

    static Outcome run(Map<String, String> answers, String secret, Path keyFile, boolean save) {
        ProxmoxForm.Result r = ProxmoxForm.validate(answers::get, true);
        Map<String, String> errors = new LinkedHashMap<>(r.errors());
        boolean typed = secret != null && !secret.isBlank();
        if (typed && !ApiToken.validSecret(secret.strip())) {
            errors.put(SECRET, "token secret must be the secret PVE showed when the token was made (a UUID)");
        } else if (!typed && !Files.isRegularFile(keyFile)) {
            errors.put(SECRET, "token secret is required (it is stored in a key file, never shown again)");
        }
        if (save) {
            for (String f : new String[] {ProxmoxForm.NODE, ProxmoxForm.STORAGE, ProxmoxForm.BRIDGE}) {
                if (answers.get(f) == null || answers.get(f).isBlank()) {
                    errors.putIfAbsent(f, "choose one of what the cluster reports (Check lists them)");
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome(errors, null);
        }
        return probe(r, typed ? secret.strip() : null, keyFile, save, errors);
    }

    private static Outcome probe(ProxmoxForm.Result r, String secret, Path keyFile, boolean save, Map<String, String> errors) {
        Settings s;
        try {
            s = ConfigValues.settings(r.properties());
        } catch (IllegalArgumentException e) {
            errors.put(ProxmoxForm.API_URL, "the settings are not valid together");
            return new Outcome(errors, null);
        }
        ClusterChoices choices;
        try {
            ApiToken token = secret != null ? ApiToken.of(s.tokenId(), secret) : ApiToken.fromKeyFile(s.tokenId(), keyFile);
            PveClient pve = Connection.open(s, token);
            choices = ClusterChoices.read(pve, s);
        } catch (IOException e) {
            errors.put(secret == null ? SECRET : ProxmoxForm.TLS, secret == null
                    ? "the stored token key file cannot be read: enter the secret again"
                    : "the CA file cannot be read as a PEM certificate");
            return new Outcome(errors, null);
        } catch (GeneralSecurityException e) {
            errors.put(ProxmoxForm.TLS, "the CA file cannot be read as a PEM certificate");
            return new Outcome(errors, null);
        } catch (PveException e) {
            errors.put(e.unauthorized() ? SECRET : ProxmoxForm.API_URL, refused(e));
            return new Outcome(errors, null);
        }
        if (save) {
            String unknown = choices.unknown(s);
            if (unknown != null) {
                errors.put(unknown.startsWith("node") ? ProxmoxForm.NODE : unknown.startsWith("storage") ? ProxmoxForm.STORAGE
                        : ProxmoxForm.BRIDGE, unknown);
            }
            if (!choices.missing().isEmpty()) {
                errors.put(ProxmoxForm.TOKEN_ID, "the token lacks privileges: " + choices.missingText());
            }
        }
        return new Outcome(errors, choices);
    }

    /** Fixed text per kind of failure. */
    static String refused(PveException e) {
        if (e.unauthorized()) {
            return "the API token was refused: wrong token id or secret, or the token expired";
        }
        if (e.status() == 403) {
            return "the token may not read the cluster: give it Sys.Audit on /nodes (see the README)";
        }
        return e.status() == 0 ? "no answer from the API URL, or its certificate does not match the CA file or fingerprint"
                : "the API answered HTTP " + e.status();
    }
}
