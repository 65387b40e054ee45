package org.blockhost.app.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator CLI on {@code <state>/blockhost.sock}: every connection's peer credentials decide,
 * per command, whether it runs (roles from {@link CliAccessConfig} and the commands'
 * {@code blockhost.command.role} properties); state-changing and refused calls are audited.
 */
@Component(immediate = true, configurationPid = CliAccessConfig.PID)
@Designate(ocd = CliAccessConfig.class)
public final class CliServer {
    static final String SOCKET_NAME = "blockhost.sock";
    private static final Logger LOG = LoggerFactory.getLogger(CliServer.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail audit;

    private final CliEndpoint endpoint;
    private final long runtimeUid;
    private volatile RoleTable roles;

    @Activate
    public CliServer(@Reference CommandProcessor processor, @Reference CommandCatalog catalog, BundleContext context,
            CliAccessConfig config) throws IOException {
        Path socket = RuntimeLayout.from(context::getProperty).stateDir().resolve(SOCKET_NAME);
        this.runtimeUid = runtimeUid();
        this.roles = RoleTable.from(config, runtimeUid);
        CommandRunner runner = new CommandRunner(processor, catalog, new CommandGate(() -> roles, () -> audit));
        this.endpoint = new CliEndpoint(socket, config.socketGroup(), runner, new UnixAccounts(),
                requestTimeout(config));
        LOG.info("operator CLI listening on {}", socket);
    }

    /** A new role table or socket group applies to the next connection; running commands go on. */
    @Modified
    void modified(CliAccessConfig config) {
        roles = RoleTable.from(config, runtimeUid);
        endpoint.handTo(config.socketGroup());
        endpoint.requestTimeout(requestTimeout(config));
    }

    private static java.time.Duration requestTimeout(CliAccessConfig config) {
        return java.time.Duration.ofSeconds(Math.max(1, Math.min(300, config.requestTimeoutSeconds())));
    }

    @Deactivate
    void deactivate() throws IOException {
        endpoint.close();
    }

    /** The uid this runtime runs as (the owner of {@code /proc/self}). */
    static long runtimeUid() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }
}
