package org.blockhost.provisioner.proxmox.internal.pve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Request parameters in order, form-encoded as PVE reads them: booleans as {@code 1}/{@code 0},
 * an array as the same name repeated.
 */
public final class Params {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    public static Params of() {
        return new Params();
    }

    public Params add(String name, Object value) {
        if (value instanceof Boolean b) {
            entries.add(Map.entry(name, b ? "1" : "0"));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> entries.add(Map.entry(name, String.valueOf(v))));
        } else {
            entries.add(Map.entry(name, String.valueOf(value)));
        }
        return this;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<Map.Entry<String, String>> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** {@code a=1&b=x%20y}. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : entries) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        return sb.toString();
    }

    /** One path segment or form value, percent-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
