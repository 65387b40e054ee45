package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a crash-test run ended with: the VMs the CLI reports (through the runtime), the scripted
 * plugins' ledger of calls and effects, and core's audit log (read from the store after the
 * runtime stopped). {@link #verify} asserts the exactly-once outcomes.
 */
record CrashOutcome(Map<String, Long> activeTokens, List<String> ledger) {
    private static final Pattern VM = Pattern.compile(
            "\"name\" : \"(blockhost-\\d+)\"[^}]*\"state\" : \"(\\w+)\"[^}]*\"token\" : (\\d+|null)");

    /** The VMs that are active with a token in {@code blockhost vm list --json} output. */
    static Map<String, Long> activeTokens(String vmListJson) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = VM.matcher(vmListJson);
        while (m.find()) {
            if ("active".equals(m.group(2)) && !"null".equals(m.group(3))) {
                out.put(m.group(1), Long.parseLong(m.group(3)));
            }
        }
        return out;
    }

    static CrashOutcome read(Path home, String vmListJson) throws IOException {
        return new CrashOutcome(activeTokens(vmListJson), Files.readAllLines(home.resolve("state/scripted/ledger")));
    }

    long count(String prefix) {
        return ledger.stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** Asserts every subscription's exactly-once outcome; {@code home}'s store is read for the audit log. */
    void verify(Path home) throws SQLException {
        int n = CrashRuntime.SUBSCRIPTIONS;
        assertEquals(n, activeTokens.size(), "every subscription active with a token (nothing lost): " + activeTokens);
        assertEquals(n, count("vm "), "exactly one VM per subscription, no stray VMs: " + ledger);
        assertEquals(n, count("mint "), "exactly one effective mint per subscription: " + ledger);
        assertEquals(0, count("destroyed "), "nothing destroyed");
        for (int i = 1; i <= n; i++) {
            int s = i;
            String name = String.format("blockhost-%03d", s);
            assertEquals(1, count("vm " + name), "one VM " + name);
            List<String> mints = ledger.stream().filter(l -> l.startsWith("mint " + s + " ")).toList();
            assertEquals(1, mints.size(), "one effective mint for subscription " + s);
            long token = Long.parseLong(mints.get(0).split(" ")[2]);
            assertEquals(token, activeTokens.get(name), "the store's token is the minted one for " + name);
            List<String> owners = ledger.stream().filter(l -> l.startsWith("owner " + name + " ")).distinct().toList();
            assertEquals(1, owners.size(), "one owner binding for " + name + ": " + owners);
            assertTrue(owners.get(0).endsWith(",nft=" + token), "owner bound to token " + token + ": " + owners);
        }
        String url = "jdbc:sqlite:" + home.resolve("state/blockhost.db");
        try (Connection c = DriverManager.getConnection(url)) {
            for (int s = 1; s <= n; s++) {
                assertEquals(1, count(c, "SELECT COUNT(*) FROM audit_log WHERE subject = ? AND action = 'active'",
                        "subscription " + s), "subscription " + s + " reached active exactly once");
            }
            assertEquals(n, count(c, "SELECT COUNT(*) FROM pipeline WHERE stage = 'active' AND parked_reason IS NULL", null),
                    "pipeline: every subscription active, none parked");
        }
    }

    private static long count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
