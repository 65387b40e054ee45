package org.blockhost.app.internal.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.platform.api.CommandRoles;

/**
 * The roles declared by command services ({@link CommandRoles#PROPERTY}) and the role one call
 * needs. Entries are {@code FUNCTION=ROLE}, {@code FUNCTION WORD=ROLE} or {@code FUNCTION *=ROLE};
 * the call's WORD is its first argument after dropping every {@code --json}. A service declares
 * roles only for its own functions. Malformed entries, unknown roles and calls no entry matches
 * need {@link CommandRoles#ADMIN}; when several services offer a function the strictest answer wins.
 */
final class CommandRules {
    static final List<String> ORDER = List.of(CommandRoles.READ, CommandRoles.OPERATE, CommandRoles.TREASURY,
            CommandRoles.ADMIN);
    private static final String JSON = "--json";
    private final List<ServiceRules> services = new ArrayList<>();

    /** Adds one service: its role property and its function property (String, String[] or collection). */
    void add(Object roleProperty, Object functionProperty) {
        Set<String> functions = CommandCatalog.functions(functionProperty);
        Map<String, String> roles = new HashMap<>();
        for (String entry : CommandCatalog.functions(roleProperty)) {
            int eq = entry.lastIndexOf('=');
            String key = eq <= 0 ? "" : entry.substring(0, eq).strip().replaceAll("\\s+", " ");
            if (functions.contains(key.split(" ", 2)[0])) {
                String role = entry.substring(eq + 1).strip();
                roles.merge(key, ORDER.contains(role) ? role : CommandRoles.ADMIN, CommandRules::stricter);
            }
        }
        services.add(new ServiceRules(functions, roles));
    }

    /** The role the call {@code function args...} needs. */
    String required(String function, List<String> args) {
        Optional<String> word = args.stream().filter(a -> !JSON.equals(a)).findFirst();
        return services.stream().filter(s -> s.functions().contains(function))
                .map(s -> s.required(function, word)).reduce(CommandRules::stricter).orElse(CommandRoles.ADMIN);
    }

    static String stricter(String a, String b) {
        return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
    }

    private record ServiceRules(Set<String> functions, Map<String, String> roles) {
        String required(String function, Optional<String> word) {
            String exact = roles.get(word.isPresent() ? function + " " + word.get() : function);
            return exact != null ? exact : roles.getOrDefault(function + " *", CommandRoles.ADMIN);
        }
    }
}
