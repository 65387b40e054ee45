package org.blockhost.crypto.internal.siwe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.crypto.api.SiweMessage;

/** SIWE fields under the spruceid test-file names; absent optional fields are omitted. */
public final class SiweFields {
    private SiweFields() {
    }

    public static Map<String, Object> toMap(SiweMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "scheme", m.scheme());
        f.put("domain", m.domain());
        f.put("address", m.address());
        put(f, "statement", m.statement());
        f.put("uri", m.uri());
        f.put("version", m.version());
        f.put("chainId", m.chainId());
        f.put("nonce", m.nonce());
        f.put("issuedAt", m.issuedAt());
        put(f, "expirationTime", m.expirationTime());
        put(f, "notBefore", m.notBefore());
        put(f, "requestId", m.requestId());
        if (m.resources() != null) {
            f.put("resources", new ArrayList<>(m.resources()));
        }
        return f;
    }

    /** Builds a message from a field map (the inverse of {@link #toMap}); validation errors propagate. */
    public static SiweMessage fromMap(Map<String, ?> f) {
        SiweMessage.Builder b = SiweMessage.builder()
            .scheme(str(f, "scheme")).domain(str(f, "domain")).address(str(f, "address"))
            .statement(str(f, "statement")).uri(str(f, "uri")).version(str(f, "version"))
            .nonce(str(f, "nonce")).issuedAt(str(f, "issuedAt")).expirationTime(str(f, "expirationTime"))
            .notBefore(str(f, "notBefore")).requestId(str(f, "requestId"));
        Object chain = f.get("chainId");
        if (chain instanceof Number && ((Number) chain).longValue() == ((Number) chain).doubleValue()) {
            b.chainId(((Number) chain).longValue());
        } else if (chain instanceof String && ((String) chain).matches("[0-9]{1,18}")) {
            b.chainId(Long.parseLong((String) chain));
        }
        Object res = f.get("resources");
        if (res instanceof List) {
            List<String> list = new ArrayList<>();
            for (Object o : (List<?>) res) {
                list.add(o == null ? null : o.toString());
            }
            b.resources(list);
        }
        return b.build();
    }

    private static String str(Map<String, ?> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }

    private static void put(Map<String, Object> f, String key, Object value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
