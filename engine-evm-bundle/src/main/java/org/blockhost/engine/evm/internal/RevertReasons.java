package org.blockhost.engine.evm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Utf8String;

/**
 * Names a revert from its data: the custom errors declared in the ABIs of our contracts (and the
 * OpenZeppelin errors they inherit), {@code Error(string)} and {@code Panic(uint256)}. The result
 * is short and printable, safe for logs and parked reasons; data it cannot name is
 * {@code "unknown error 0x12345678"}, no data at all {@code "unknown"}.
 */
final class RevertReasons {
    private static final String ERROR_STRING = Abi.selector("Error(string)");
    private static final String PANIC = Abi.selector("Panic(uint256)");
    private static final int MAX_TEXT = 80;
    private static final Map<String, String> ERRORS = load(ContractArtifacts.SUBSCRIPTIONS, ContractArtifacts.CREDENTIAL);

    private RevertReasons() {
    }

    static String name(String data) {
        if (data == null || !data.matches("0x[0-9a-fA-F]{8,}")) {
            return "unknown";
        }
        String selector = data.substring(0, 10).toLowerCase(Locale.ROOT);
        if (selector.equals(ERROR_STRING)) {
            return "Error(\"" + text(data) + "\")";
        }
        if (selector.equals(PANIC) && data.length() >= 74) {
            return "Panic(0x" + new BigInteger(data.substring(10, 74), 16).toString(16) + ")";
        }
        return ERRORS.getOrDefault(selector, "unknown error " + selector);
    }

    private static String text(String data) {
        try {
            @SuppressWarnings("rawtypes")
            List<org.web3j.abi.datatypes.Type> out = Abi.decode("0x" + data.substring(10), new TypeReference<Utf8String>() { });
            String s = out.isEmpty() ? "" : out.get(0).getValue().toString();
            s = s.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
        } catch (RuntimeException e) {
            return "undecodable";
        }
    }

    /** selector → error name, from every {@code "type":"error"} entry of the contracts' ABIs. */
    private static Map<String, String> load(String... contracts) {
        Map<String, String> out = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String contract : contracts) {
            try {
                for (JsonNode entry : json.readTree(ContractArtifacts.abi(contract))) {
                    if ("error".equals(entry.path("type").asText())) {
                        out.put(Abi.selector(signature(entry)), entry.path("name").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("ABI of " + contract + " unreadable", e);
            }
        }
        return Map.copyOf(out);
    }

    private static String signature(JsonNode error) {
        StringBuilder s = new StringBuilder(error.path("name").asText()).append('(');
        for (JsonNode input : error.path("inputs")) {
            if (s.charAt(s.length() - 1) != '(') {
                s.append(',');
            }
            s.append(input.path("type").asText());
        }
        return s.append(')').toString();
    }
}
