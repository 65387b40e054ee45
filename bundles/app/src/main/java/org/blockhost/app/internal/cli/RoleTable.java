package org.blockhost.app.internal.cli;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.blockhost.platform.api.CommandRoles;

/**
 * Which roles a peer holds: root and the runtime's own uid hold every role; anyone else holds the
 * roles mapped to the groups it belongs to ({@link CliAccessConfig}).
 */
final class RoleTable {
    private final Map<String, List<String>> groupsByRole = new LinkedHashMap<>();
    private final Set<Long> privileged;

    RoleTable(List<String> read, List<String> operate, List<String> treasury, List<String> admin, long runtimeUid) {
        groupsByRole.put(CommandRoles.READ, List.copyOf(read));
        groupsByRole.put(CommandRoles.OPERATE, List.copyOf(operate));
        groupsByRole.put(CommandRoles.TREASURY, List.copyOf(treasury));
        groupsByRole.put(CommandRoles.ADMIN, List.copyOf(admin));
        this.privileged = new HashSet<>(List.of(0L, runtimeUid));
    }

    static RoleTable from(CliAccessConfig config, long runtimeUid) {
        return new RoleTable(clean(config.readGroups()), clean(config.operateGroups()), clean(config.treasuryGroups()),
                clean(config.adminGroups()), runtimeUid);
    }

    /** The roles {@code peer} holds. */
    Set<String> roles(Peer peer) {
        if (privileged.contains(peer.uid())) {
            return groupsByRole.keySet();
        }
        Set<String> roles = new TreeSet<>();
        groupsByRole.forEach((role, groups) -> {
            if (groups.stream().anyMatch(peer.groups()::contains)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The groups granting {@code role}, for messages: {@code "blockhost-ops"}, or a note when none does. */
    String groupsFor(String role) {
        List<String> groups = groupsByRole.getOrDefault(role, List.of());
        return groups.isEmpty() ? "root or the runtime's user only" : String.join(" or ", groups);
    }

    private static List<String> clean(String[] groups) {
        return groups == null ? List.of() : Arrays.stream(groups).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }
}
