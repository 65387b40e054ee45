package org.blockhost.rootagent.internal.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.client.SocketClient;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's RootAgent service. Mode {@code daemon}: a client of the root agent's Unix socket.
 * Mode {@code inprocess} (dev, no root): the same actions run here, unprivileged.
 */
@Component(service = RootAgent.class, configurationPid = RootAgentComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RootAgentComponent.Config.class)
public final class RootAgentComponent implements RootAgent {
    public static final String PID = "org.blockhost.rootagent";
    private static final Logger LOG = LoggerFactory.getLogger(RootAgentComponent.class);

    /** How privileged actions are executed. */
    public enum Mode { daemon, inprocess }

    @ObjectClassDefinition(name = "BlockHost root agent client",
            description = "How the runtime performs privileged actions")
    public @interface Config {
        @AttributeDefinition(description = "daemon: call the root agent over its socket; inprocess: dev mode")
        Mode mode() default Mode.daemon;

        @AttributeDefinition(description = "Unix socket of the root agent daemon")
        String socketPath() default "/run/blockhost/root-agent.sock";

        @AttributeDefinition(description = "Connect timeout (ms)", min = "1")
        int connectTimeoutMs() default 2000;

        @AttributeDefinition(description = "Time to wait for an answer (ms)", min = "1")
        int readTimeoutMs() default 150000;

        @AttributeDefinition(description = "inprocess: libvirt URI (test:///default, qemu:///session, ...)")
        String libvirtUri() default "test:///default";

        @AttributeDefinition(description = "inprocess: the dev tree (etc/blockhost/keys, var/lib/blockhost/vms, ...); empty = ~/.blockhost-dev")
        String devDir() default "";

        @AttributeDefinition(description = "inprocess: group given to written keys")
        String group() default "blockhost";

        @AttributeDefinition(description = "inprocess: IPv6 prefix for ip6-route actions (empty = none)")
        String ip6Prefix() default "";

        @AttributeDefinition(description = "inprocess: log firewall/route commands instead of running them")
        boolean hostNetworkDryRun() default true;
    }

    private RootAgent delegate;

    @Activate
    void activate(Config c) throws IOException {
        if (c.mode() == Mode.inprocess) {
            AgentConfig ac = devConfig(c);
            for (Path p : new Path[] {ac.keysDir(), ac.vmDir(), ac.templateDir(), ac.stateDir()}) {
                Files.createDirectories(p);
            }
            delegate = new InProcessAgent(ac);
            LOG.info("root agent in-process (dev mode) on {} under {}", ac.libvirtUri(), ac.vmDir().getParent());
        } else {
            delegate = new SocketClient(Path.of(c.socketPath()), Duration.ofMillis(c.connectTimeoutMs()),
                    Duration.ofMillis(c.readTimeoutMs()));
        }
    }

    static AgentConfig devConfig(Config c) {
        Path base = c.devDir().isBlank() ? Path.of(System.getProperty("user.home"), ".blockhost-dev") : Path.of(c.devDir());
        IpPrefix prefix = c.ip6Prefix().isBlank() ? null : IpPrefix.parse(c.ip6Prefix().trim().toLowerCase(java.util.Locale.ROOT));
        return AgentConfig.dev(base.toAbsolutePath(), c.group(), c.libvirtUri(), prefix)
                .withHostNetworkDryRun(c.hostNetworkDryRun());
    }

    @Deactivate
    void deactivate() {
        if (delegate instanceof InProcessAgent a) {
            a.close();
        }
        delegate = null;
    }

    @Override
    public Map<String, Object> call(String action, Map<String, Object> params) throws RootAgentException {
        RootAgent d = delegate;
        if (d == null) {
            throw new RootAgentException(RootAgentException.Kind.UNAVAILABLE, "root agent client is not active");
        }
        return d.call(action, params);
    }
}
