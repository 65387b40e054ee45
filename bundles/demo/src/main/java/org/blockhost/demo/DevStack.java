package org.blockhost.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;

/**
 * The dev stack that {@code blockhost dev} runs, as it describes itself in {@code <home>/dev.json}:
 * RPC URL, chain id, the host name of the access key message, the contract addresses by role, the
 * admin wallet and the runtime's HTTP URL. Addresses are EIP-55.
 */
public record DevStack(String rpcUrl, long chainId, String host, String subscriptions, String credential,
        String stablecoin, String adminWallet, String httpUrl) {

    /** The file name inside the dev home. */
    public static final String FILE = "dev.json";
    /** The default dev home, relative to the working directory (as the launcher's). */
    public static final String DEFAULT_HOME = "./.blockhost-dev";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The dev home: the given directory, else {@code BLOCKHOST_HOME}, else {@link #DEFAULT_HOME}. */
    public static Path home(String option, Map<String, String> env) {
        if (option != null) {
            return Path.of(option);
        }
        String fromEnv = env.get("BLOCKHOST_HOME");
        return Path.of(fromEnv != null && !fromEnv.isEmpty() ? fromEnv : DEFAULT_HOME);
    }

    /** Reads {@code <home>/dev.json}; every field is required and checked. */
    public static DevStack read(Path home) {
        Path file = home.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DemoException(file + " does not exist: is `blockhost dev` running (with this --home)?");
        } catch (IOException e) {
            throw new DemoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses dev.json text; {@code source} names it in error messages. */
    public static DevStack parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DemoException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DemoException(source + ": must hold a JSON object");
        }
        Fields f = new Fields(root, source);
        return new DevStack(f.url("rpcUrl"), f.chainId(), f.host(), f.address("subscriptions"),
                f.address("credential"), f.address("stablecoin"), f.address("adminWallet"), f.url("httpUrl"));
    }

    /** Field readers with errors that name the file and the field. */
    private record Fields(JsonNode root, String source) {
        String text(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new DemoException(source + ": field \"" + name + "\" is missing");
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new DemoException(source + ": field \"" + name + "\" must be a non-empty string");
            }
            return node.asText();
        }

        String url(String name) {
            String value = text(name);
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return value;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            throw new DemoException(source + ": field \"" + name + "\" must be an http(s) URL, got '" + value + "'");
        }

        String address(String name) {
            String value = text(name);
            try {
                return Address.parse(value).toChecksumString();
            } catch (CryptoException | IllegalArgumentException e) {
                throw new DemoException(source + ": field \"" + name + "\" is not an address: " + e.getMessage());
            }
        }

        long chainId() {
            JsonNode node = root.get("chainId");
            if (node != null && node.isTextual() && node.asText().matches("[0-9]{1,16}")) {
                node = com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(node.asText()));
            }
            if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() <= 0) {
                throw new DemoException(source + ": field \"chainId\" must be a positive integer");
            }
            return node.asLong();
        }

        String host() {
            String value = text("host");
            if (!value.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
                throw new DemoException(source + ": field \"host\" must be a host name, got '" + value + "'");
            }
            return value;
        }
    }
}
