package org.blockhost.core.internal.admin;

import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wizard's (and answers file's) admin-command answers and what they become in
 * {@value AdminCommandsComponent#PID}: {@value #ENABLED} {@code on|off} (knock + base ruleset, or
 * neither), {@value #PORTS} (ports a knock may open, also the management ports the base ruleset
 * closes) and {@value #MAX_TTL} (seconds, 1..3600).
 */
final class AdminAnswers {
    static final String ENABLED = "admin.commands";
    static final String PORTS = "admin.knockPorts";
    static final String MAX_TTL = "admin.knockMaxTtl";
    static final Set<String> KEYS = Set.of(ENABLED, PORTS, MAX_TTL);
    static final String DEFAULT_PORTS = "22";
    static final String DEFAULT_TTL = "3600";

    private AdminAnswers() {
    }

    static Optional<String> problem(String key, String value) {
        String v = value == null ? "" : value.strip();
        try {
            switch (key) {
                case ENABLED -> {
                    return v.equals("on") || v.equals("off") ? Optional.empty() : Optional.of("on or off");
                }
                case PORTS -> {
                    return KnockSettings.parsePorts(v).isEmpty() ? Optional.of("at least one port, like 22 or 22,8443")
                            : Optional.empty();
                }
                case MAX_TTL -> {
                    return v.matches("[1-9][0-9]{0,3}") && Integer.parseInt(v) <= 3600 ? Optional.empty()
                            : Optional.of("seconds from 1 to 3600");
                }
                default -> {
                    return Optional.of("unknown answer");
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The configuration properties for the answers given; an absent answer writes nothing (the
     * component's defaults, or what the operator put into the {@code .cfg}, stay).
     */
    static Hashtable<String, Object> properties(Map<String, String> answers) {
        Hashtable<String, Object> p = new Hashtable<>();
        if (answers.containsKey(ENABLED)) {
            boolean on = !"off".equals(answers.get(ENABLED));
            p.put("commands", on ? new String[] {"knock=knock"} : new String[0]);
            p.put("baseRuleset", on);
        }
        if (answers.containsKey(PORTS)) {
            String ports = String.join(",", KnockSettings.parsePorts(answers.get(PORTS)).stream().map(String::valueOf)
                    .toList());
            p.put("knockPorts", ports);
            p.put("managementPorts", ports);
        }
        if (answers.containsKey(MAX_TTL)) {
            p.put("knockMaxTtlSeconds", Integer.parseInt(answers.get(MAX_TTL)));
        }
        return p;
    }
}
