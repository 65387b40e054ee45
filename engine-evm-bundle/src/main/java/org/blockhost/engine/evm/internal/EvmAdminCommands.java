package org.blockhost.engine.evm.internal;

import java.time.Instant;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Engine;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code blockhost admin knock --port 22 --ttl 300 --source ADDR --key-file F}: sends a knock from
 * the admin wallet (the key only from the file, never on the command line) to this host, encrypted
 * to its admin-command key. The host opens the port once the transaction is final.
 */
@Component(service = EvmAdminCommands.class, property = {CommandRoles.PROPERTY + "=admin *=" + CommandRoles.ADMIN})
@GogoCommand(scope = "blockhost", function = {"admin"})
public final class EvmAdminCommands {
    private final Engine engine;

    @Activate
    public EvmAdminCommands(@Reference(target = "(org.blockhost.engine.id=evm)") Engine engine) {
        this.engine = engine;
    }

    @Descriptor("admin knock --port PORT[,PORT] --ttl SECONDS --source ADDRESS --key-file FILE [--proto tcp|udp]"
            + " [--name COMMAND] [--expires-in SECONDS]")
    public String admin(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json,
            @Parameter(names = "--port", absentValue = "") String port,
            @Parameter(names = "--ttl", absentValue = "") String ttl,
            @Parameter(names = "--source", absentValue = "") String source,
            @Parameter(names = "--key-file", absentValue = "") String keyFile,
            @Parameter(names = "--proto", absentValue = "tcp") String proto,
            @Parameter(names = "--name", absentValue = "knock") String name,
            @Parameter(names = "--expires-in", absentValue = "3600") String expiresIn,
            String... args) throws ChainUnavailableException {
        if (args.length != 1 || !args[0].equals("knock")) {
            throw new IllegalArgumentException("usage: admin knock --port PORT --ttl SECONDS --source ADDRESS --key-file FILE");
        }
        if (!(engine instanceof EvmEngine evm)) {
            throw new IllegalStateException("the EVM engine is not active");
        }
        AdminKnock.Options o = AdminKnock.parse(name, port, proto, source, ttl, keyFile, expiresIn);
        String tx = AdminKnock.send(evm.adminSender(), o, Instant.now().getEpochSecond());
        return json ? "{\"transaction\":\"" + tx + "\",\"params\":" + o.params() + "}"
                : "knock sent: " + tx + " (" + o.params() + "); the host acts on it once the block is final";
    }
}
