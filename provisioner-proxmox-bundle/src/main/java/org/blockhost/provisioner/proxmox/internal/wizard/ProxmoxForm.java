package org.blockhost.provisioner.proxmox.internal.wizard;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.ApiToken;
import org.blockhost.provisioner.proxmox.internal.pve.PveTls;

/**
 * The Proxmox wizard page's and the answers file's fields, checked into configuration properties
 * (PID {@code org.blockhost.provisioner.proxmox}). The page, the finalization step's
 * {@code problem} and its {@code run} all use this class, so both ways refuse the same values. Every
 * message is fixed text: a submitted value is never echoed. The token secret is no answer: the page
 * writes it to the key file and answers that file's path.
 */
public final class ProxmoxForm {
    public static final String API_URL = "proxmox.api_url";
    public static final String TOKEN_ID = "proxmox.token_id";
    public static final String SECRET_FILE = "proxmox.token_secret_file";
    /** The cluster's CA file (an absolute path) or the API certificate's SHA-256 fingerprint: one answer, never both. */
    public static final String TLS = "proxmox.tls";
    public static final String NODE = "proxmox.node";
    public static final String STORAGE = "proxmox.storage";
    public static final String BRIDGE = "proxmox.bridge";
    /** {@link #NODE}'s value for "any online node". */
    public static final String ALL_NODES = "all";
    private static final String PATH = "(/[A-Za-z0-9._-]+)+";

    private record Field(String property, String message, Predicate<String> valid) {
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(API_URL, new Field("apiUrl", "API URL must look like https://pve.example.net:8006", ProxmoxForm::httpsUrl));
        FIELDS.put(TOKEN_ID, new Field("tokenId", "token id must look like blockhost@pve!provisioner",
                v -> ApiToken.ID.matcher(v).matches()));
        FIELDS.put(SECRET_FILE, new Field("tokenSecretFile", "token key file must be an absolute path",
                ProxmoxForm::absolute));
        FIELDS.put(TLS, new Field("caFile", "certificate check must be the CA file's absolute path (like /etc/pve/pve-root-ca.pem)"
                + " or the certificate's SHA-256 fingerprint (64 hex digits, colons allowed)",
                v -> absolute(v) || PveTls.FINGERPRINT.matcher(v).matches()));
        FIELDS.put(NODE, new Field("nodes", "node must be a node name or 'all'",
                v -> v.equals(ALL_NODES) || Settings.NODE.matcher(v).matches()));
        FIELDS.put(STORAGE, new Field("storage", "storage must be a storage id like local-lvm",
                v -> Settings.STORAGE.matcher(v).matches()));
        FIELDS.put(BRIDGE, new Field("bridge", "bridge must be a bridge name like vmbr0", v -> Settings.BRIDGE.matcher(v).matches()));
    }

    /** Valid properties, or the errors by field. */
    public record Result(Map<String, Object> properties, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ProxmoxForm() {
    }

    public static List<String> fields() {
        return List.copyOf(FIELDS.keySet());
    }

    /** Why one answer is refused, or empty (fixed text naming the field, never the value). */
    public static Optional<String> problem(String key, String value) {
        Field f = FIELDS.get(key);
        if (f == null) {
            return Optional.empty();
        }
        String v = value == null ? "" : value.strip();
        return v.isEmpty() || v.length() > 200 || !f.valid().test(v) ? Optional.of(f.message()) : Optional.empty();
    }

    /**
     * Checks every given field (missing or blank ones are left out); {@code complete} requires the
     * URL, the token id, the key file and the certificate check. The certificate check sets both
     * {@code caFile} and {@code fingerprint}, one of them empty.
     */
    public static Result validate(Function<String, String> input, boolean complete) {
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        FIELDS.forEach((name, f) -> {
            String v = input.apply(name);
            if (v == null || v.isBlank()) {
                if (complete && List.of(API_URL, TOKEN_ID, SECRET_FILE, TLS).contains(name)) {
                    errors.put(name, f.message());
                }
                return;
            }
            Optional<String> bad = problem(name, v);
            if (bad.isPresent()) {
                errors.put(name, bad.get());
            } else {
                put(props, name, f.property(), v.strip());
            }
        });
        return new Result(props, errors);
    }

    private static void put(Map<String, Object> props, String name, String property, String v) {
        if (TLS.equals(name)) {
            boolean file = v.startsWith("/");
            props.put("caFile", file ? v : "");
            props.put("fingerprint", file ? "" : v);
        } else if (NODE.equals(name)) {
            props.put(property, v.equals(ALL_NODES) ? new String[0] : new String[] {v});
        } else {
            props.put(property, v);
        }
    }

    private static boolean httpsUrl(String v) {
        try {
            URI u = new URI(v);
            return "https".equals(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null
                    && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) && u.getQuery() == null
                    && u.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean absolute(String v) {
        return v.matches(PATH) && !v.matches(".*/\\.{1,2}(/.*)?");
    }
}
