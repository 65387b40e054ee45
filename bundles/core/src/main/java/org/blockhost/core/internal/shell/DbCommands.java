package org.blockhost.core.internal.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.core.internal.store.VmRegistryService;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code blockhost db backup FILE}: an online, consistent copy of the store. */
@Component(service = DbCommands.class, property = {
        CommandRoles.PROPERTY + "=db backup=operate"})
@GogoCommand(scope = "blockhost", function = {"db"})
public final class DbCommands {
    private final VmRegistryService store;

    @Activate
    public DbCommands(@Reference VmRegistryService store) {
        this.store = store;
    }

    @Descriptor("db backup FILE: online backup of the store to a new file")
    public void db(CommandSession session, @Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, @Descriptor("backup") String action, @Descriptor("target file") String file) {
        if (!"backup".equals(action)) {
            throw new IllegalArgumentException("usage: db backup FILE");
        }
        Object cwd = session == null ? null : session.get("blockhost.cwd");
        Path target = cwd == null ? Path.of(file) : Path.of(String.valueOf(cwd)).resolve(file);
        target = target.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("refusing to overwrite " + target);
        }
        long start = System.nanoTime();
        store.db().backup(target);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (json) {
            Printer.json(System.out, Map.of("file", target.toString(), "millis", millis));
        } else {
            System.out.println("backup written to " + target + " (" + millis + " ms)");
        }
    }
}
