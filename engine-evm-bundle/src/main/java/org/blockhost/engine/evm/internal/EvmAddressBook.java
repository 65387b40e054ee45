package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The operator's address book: role name → wallet address (EIP-55), in
 * {@code <state dir>/evm-addressbook.json} (0640, replaced atomically). The names {@code host},
 * {@code admin} and {@code payout} are built in (the host wallet, the admin credential's holder,
 * the contract's payout address) and cannot be added. A corrupt file is refused, never rewritten.
 */
final class EvmAddressBook {
    static final Set<String> BUILT_IN = Set.of("host", "admin", "payout");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final Path file;

    EvmAddressBook(Path file) {
        this.file = file;
    }

    synchronized Map<String, String> list() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeMap<>();
        }
        try {
            Map<String, String> m = JSON.readValue(Files.readString(file), new TypeReference<TreeMap<String, String>>() { });
            for (var e : m.entrySet()) {
                role(e.getKey());
                EvmAddressFormat.INSTANCE.normalise(e.getValue());
            }
            return m;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the address book " + file + " is not valid; fix or remove it");
        }
    }

    synchronized String add(String role, String address) {
        String r = role(role);
        if (BUILT_IN.contains(r)) {
            throw new IllegalArgumentException("role '" + r + "' is built in (host, admin, payout)");
        }
        String a = address(address);
        Map<String, String> m = list();
        if (m.containsKey(r)) {
            throw new IllegalArgumentException("role '" + r + "' exists: remove it first");
        }
        m.put(r, a);
        write(m);
        return a;
    }

    synchronized boolean remove(String role) {
        Map<String, String> m = list();
        boolean had = m.remove(role(role)) != null;
        if (had) {
            write(m);
        }
        return had;
    }

    static String role(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("a role is 1 to 32 of a-z 0-9 _ - starting with a letter");
        }
        return role;
    }

    static String address(String address) {
        try {
            return EvmAddressFormat.INSTANCE.normalise(address);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an address: 0x and 40 hex digits (a mixed-case one must match its"
                    + " EIP-55 checksum)");
        }
    }

    private void write(Map<String, String> m) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the address book " + file + ": " + e.getMessage(), e);
        }
    }
}
