package org.blockhost.core.internal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin commands' configuration, parsed and checked (fails closed with a clear message).
 *
 * @param commands the operator's command names → action kinds (e.g. {@code open-sesame → knock})
 * @param knock what a knock may open
 * @param baseRuleset whether the management ports are closed by BlockHost's base ruleset
 * @param managementPorts the ports the base ruleset closes (TCP)
 * @param manageFirewall false after an invalid configuration: the firewall is left as it is
 */
record AdminSettings(Map<String, String> commands, KnockSettings knock, boolean baseRuleset, Set<Integer> managementPorts,
        boolean manageFirewall) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    AdminSettings(Map<String, String> commands, KnockSettings knock, boolean baseRuleset, Set<Integer> managementPorts) {
        this(commands, knock, baseRuleset, managementPorts, true);
    }

    AdminSettings {
        commands = Map.copyOf(commands);
        managementPorts = Set.copyOf(managementPorts);
        if (baseRuleset && managementPorts.isEmpty()) {
            throw new IllegalArgumentException("the base ruleset needs at least one management port");
        }
    }

    /** After an invalid configuration: every command refused, the firewall left untouched. */
    static AdminSettings invalid() {
        return new AdminSettings(Map.of(), new KnockSettings(Set.of(), 1), false, Set.of(), false);
    }

    static AdminSettings of(AdminCommandsComponent.Config c) {
        return new AdminSettings(commands(c.commands(), AdminCommandsComponent.KINDS.keySet()),
                new KnockSettings(KnockSettings.parsePorts(c.knockPorts()), c.knockMaxTtlSeconds()),
                c.baseRuleset(), KnockSettings.parsePorts(c.managementPorts()));
    }

    /** {@code name=kind} entries: names as on chain (1–64 of {@code [a-z0-9_.-]}), kinds known here. */
    static Map<String, String> commands(String[] entries, Set<String> kinds) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries == null ? new String[0] : entries) {
            String[] kv = e.strip().split("=", -1);
            if (kv.length != 2 || !NAME.matcher(kv[0].strip()).matches() || !kinds.contains(kv[1].strip())) {
                throw new IllegalArgumentException("admin command entry must be name=kind with kind one of " + kinds);
            }
            if (out.put(kv[0].strip(), kv[1].strip()) != null) {
                throw new IllegalArgumentException("admin command name configured twice");
            }
        }
        return out;
    }
}
