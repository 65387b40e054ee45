package org.blockhost.provisioner.proxmox.internal.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.platform.api.CommandRoles;
import org.blockhost.provisioner.proxmox.internal.Connection;
import org.blockhost.provisioner.proxmox.internal.ProxmoxConfig;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.vm.ClusterView;
import org.blockhost.provisioner.proxmox.internal.vm.TokenCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator command {@code blockhost proxmox check [--json]}: reaches the API with the configured
 * token, lists the nodes and says which privileges the token lacks, per path. Exit 0 when nothing
 * is missing, 1 otherwise; never a stack trace.
 */
@Component(service = ProxmoxCommand.class, configurationPid = ProxmoxConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = CommandRoles.PROPERTY + "=proxmox check=read")
@GogoCommand(scope = "blockhost", function = "proxmox")
public final class ProxmoxCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Settings settings;

    @Activate
    public ProxmoxCommand(ProxmoxConfig config) {
        this(Settings.from(config));
    }

    public ProxmoxCommand(Settings settings) {
        this.settings = settings;
    }

    @Descriptor("check the Proxmox VE connection and the token's privileges: proxmox check [--json]")
    public void proxmox(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false",
            presentValue = "true") boolean json, @Descriptor("check") String action) {
        run(System.out, json, action);
    }

    /** Runs the command; returns the exit status (0 all there, 1 missing or failed, 2 usage). */
    public int run(PrintStream out, boolean json, String... args) {
        if (args == null || args.length != 1 || !"check".equals(args[0])) {
            out.println("usage: proxmox check [--json]");
            return 2;
        }
        try {
            PveClient pve = Connection.open(settings);
            List<String> online = ClusterView.read(pve).nodes().stream().filter(ClusterView.Node::online)
                    .map(ClusterView.Node::name).toList();
            Map<String, List<String>> missing = TokenCheck.missing(pve, settings);
            if (json) {
                out.println(JSON.writeValueAsString(Map.of("nodesOnline", online, "missing", missing)));
            } else {
                out.println("connected as " + settings.tokenId() + "; nodes online: " + String.join(", ", online));
                missing.forEach((path, privs) -> out.println("missing on " + path + ": " + String.join(", ", privs)));
                out.println(missing.isEmpty() ? "token privileges: complete" : "token privileges: incomplete");
            }
            return missing.isEmpty() ? 0 : 1;
        } catch (PveException | IOException | GeneralSecurityException e) {
            out.println("proxmox check failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOG.warn("proxmox check failed", e);
            out.println("proxmox check failed: internal error (see the log)");
            return 1;
        }
    }
}
