package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.crypto.Credentials;

/**
 * {@code blockhost admin knock}: checks the options (fails closed, before anything is read or
 * sent), reads the admin key from its file and sends the knock through {@link AdminCommandSender}.
 */
final class AdminKnock {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

    /** Checked options of one knock. */
    record Options(String name, ObjectNode params, Path keyFile, long expiresIn) {
    }

    private AdminKnock() {
    }

    static Options parse(String name, String ports, String proto, String source, String ttl, String keyFile,
            String expiresIn) {
        require(NAME.matcher(name).matches(), "--name: a command name (lower case letters, digits, . _ -)");
        require(!ports.isEmpty(), "--port PORT[,PORT...] is required");
        TreeSet<Integer> list = new TreeSet<>();
        for (String p : ports.split(",", -1)) {
            require(PORT.matcher(p.strip()).matches() && Integer.parseInt(p.strip()) <= 65535,
                    "--port: ports are 1 to 65535");
            list.add(Integer.parseInt(p.strip()));
        }
        require(list.size() <= 16, "--port: at most 16 ports");
        require(proto.equals("tcp") || proto.equals("udp"), "--proto: tcp or udp");
        require(source(source), "--source: one IPv4 or IPv6 address, or a prefix of at least /24 (IPv4) or /48 (IPv6)");
        long seconds = number(ttl, "--ttl SECONDS (1 to 3600) is required", 1, 3600);
        require(!keyFile.isEmpty(), "--key-file FILE (the admin wallet's key) is required");
        long expiry = number(expiresIn, "--expires-in: seconds the command stays valid, 60 to 86400", 60, 86400);
        ObjectNode params = JSON.createObjectNode();
        list.forEach(params.putArray("ports")::add);
        params.put("source", source).put("ttl", seconds);
        if (!proto.equals("tcp")) {
            params.put("proto", proto);
        }
        return new Options(name, params, Path.of(keyFile), expiry);
    }

    /** Reads the key and sends; returns the transaction hash. */
    static String send(AdminCommandSender sender, Options o, long nowSeconds) throws ChainUnavailableException {
        Credentials admin;
        try {
            admin = HostKeyFile.read(o.keyFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage().replace("host key", "admin key"));
        }
        long nonce = System.currentTimeMillis();
        return sender.send(admin, AdminCommandSender.plaintext(o.name(), o.params(), nonce, nowSeconds + o.expiresIn()));
    }

    private static boolean source(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("[1-9][0-9]{0,2}"))) {
            return false;
        }
        boolean v4 = IPV4.matcher(parts[0]).matches();
        boolean v6 = !v4 && parts[0].contains(":") && IPV6.matcher(parts[0]).matches();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : (v4 ? 32 : 128);
        return v4 && prefix >= 24 && prefix <= 32 || v6 && prefix >= 48 && prefix <= 128;
    }

    private static long number(String text, String message, long min, long max) {
        require(text.matches("[0-9]{1,9}"), message);
        long v = Long.parseLong(text);
        require(v >= min && v <= max, message);
        return v;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
