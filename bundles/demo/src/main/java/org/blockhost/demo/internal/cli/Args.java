package org.blockhost.demo.internal.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed options: {@code --name VALUE} for value options, {@code --flag} for flags, positional
 * arguments, and everything after {@code --} as the remote command.
 */
final class Args {
    final Map<String, String> options = new HashMap<>();
    final List<String> positional = new ArrayList<>();
    final List<String> rest = new ArrayList<>();

    static Args parse(List<String> argv, Set<String> valueOptions, Set<String> flags) {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                args.rest.addAll(argv.subList(i + 1, argv.size()));
                break;
            } else if (valueOptions.contains(a)) {
                if (i + 1 >= argv.size()) {
                    throw new UsageException("option " + a + " needs a value");
                }
                args.put(a, argv.get(++i));
            } else if (flags.contains(a)) {
                args.put(a, "true");
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'");
            } else {
                args.positional.add(a);
            }
        }
        return args;
    }

    private void put(String option, String value) {
        if (options.put(option, value) != null) {
            throw new UsageException("option " + option + " given twice");
        }
    }

    String get(String option) {
        return options.get(option);
    }

    boolean flag(String option) {
        return options.containsKey(option);
    }

    /** A decimal integer option within [min, max], or the default when absent. */
    long number(String option, long def, long min, long max) {
        String v = options.get(option);
        if (v == null) {
            return def;
        }
        if (!v.matches("[0-9]{1,18}") || Long.parseLong(v) < min || Long.parseLong(v) > max) {
            throw new UsageException("option " + option + " must be a number from " + min + " to " + max);
        }
        return Long.parseLong(v);
    }
}
