package org.blockhost.core.internal.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.engine.api.CredentialSealer;

/** Test-only sealer: NOT encryption. Marks the plaintext so tests can check what would be sealed. */
public class FakeSealer implements CredentialSealer {
    public final Map<String, String> lastPlaintext = new ConcurrentHashMap<>();
    /** When set, every seal throws it (a sealer bug). */
    public volatile RuntimeException failWith;

    @Override
    public byte[] seal(String accessKey, byte[] plaintext) {
        if (failWith != null) {
            throw failWith;
        }
        String text = new String(plaintext, StandardCharsets.UTF_8);
        lastPlaintext.put(accessKey, text);
        return ("sealed-for-" + accessKey + ":" + text).getBytes(StandardCharsets.UTF_8);
    }
}
