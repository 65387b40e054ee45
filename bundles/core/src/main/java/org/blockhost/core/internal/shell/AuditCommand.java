package org.blockhost.core.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.core.internal.audit.StoreAuditTrail;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code blockhost audit [--json] [N]}: the latest N (default 20, at most 1000) audit entries, newest first. */
@Component(service = AuditCommand.class, property = {
        CommandRoles.PROPERTY + "=audit=operate",
        CommandRoles.PROPERTY + "=audit *=operate"})
@GogoCommand(scope = "blockhost", function = {"audit"})
public final class AuditCommand {
    private static final int MAX = StoreAuditTrail.MAX;
    private final StoreAuditTrail trail;

    @Activate
    public AuditCommand(@Reference StoreAuditTrail trail) {
        this.trail = trail;
    }

    @Descriptor("the latest audit entries: audit [--json] [N]")
    public void audit(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, String... args) {
        int limit = limit(args);
        List<Map<String, Object>> entries = trail.recent(limit, 0).stream().map(StoreAuditTrail::map).toList();
        if (json) {
            Printer.json(System.out, entries);
            return;
        }
        if (entries.isEmpty()) {
            System.out.println("no audit entries");
            return;
        }
        Printer.table(System.out, new String[] {"AT", "ACTOR", "SUBJECT", "ACTION", "DETAIL"}, entries.stream()
                .map(e -> new String[] {(String) e.get("at"), (String) e.get("actor"), (String) e.get("subject"),
                    (String) e.get("action"), (String) e.get("detail")}).toList());
    }

    static int limit(String... args) {
        if (args.length == 0) {
            return 20;
        }
        if (args.length > 1 || !args[0].matches("[0-9]{1,4}") || Integer.parseInt(args[0]) < 1
                || Integer.parseInt(args[0]) > MAX) {
            throw new IllegalArgumentException("usage: audit [--json] [N]  (N from 1 to " + MAX + ")");
        }
        return Integer.parseInt(args[0]);
    }
}
