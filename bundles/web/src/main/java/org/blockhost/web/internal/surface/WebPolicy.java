package org.blockhost.web.internal.surface;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.web.api.TlsEndpoint;
import org.blockhost.web.internal.http.HostPolicy;
import org.blockhost.web.internal.http.Net;
import org.blockhost.web.internal.session.SessionStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What every surface shares: the host names answered, the ops allow-list, the sessions and the
 * HTTPS endpoint plain HTTP redirects to.
 */
@Component(service = WebPolicy.class, configurationPid = WebPolicy.PID)
@Designate(ocd = WebPolicy.Config.class)
public final class WebPolicy {
    public static final String PID = "org.blockhost.web";

    @ObjectClassDefinition(name = "BlockHost web surfaces")
    public @interface Config {
        @AttributeDefinition(name = "Host names", description = "Host names the server answers to (Host header); "
                + "IP literals of this machine's interfaces are always answered, localhost in dev mode", required = false)
        String[] hosts() default {};

        @AttributeDefinition(name = "Ops allow-list", description = "IP addresses besides loopback that may read "
                + "/health, /ready, /metrics and /api/plugins", required = false)
        String[] opsAllow() default {};
    }

    private final HostPolicy hosts;
    private final Set<String> opsAllow;
    private final SessionStore sessions = new SessionStore(Clock.systemUTC());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TlsEndpoint tls;

    @Activate
    public WebPolicy(BundleContext context, Config config) {
        this.hosts = new HostPolicy(Set.of(config.hosts()), RuntimeLayout.from(context::getProperty).dev());
        this.opsAllow = Set.copyOf(Arrays.stream(config.opsAllow()).map(String::trim)
                .map(a -> Net.literal(a).map(i -> i.getHostAddress()).orElse("")).filter(a -> !a.isEmpty()).toList());
    }

    public HostPolicy hosts() {
        return hosts;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** Whether a peer may read the ops surface. */
    public boolean opsAllowed(String remoteAddr) {
        return Net.loopback(remoteAddr) || Net.literal(remoteAddr).map(a -> opsAllow.contains(a.getHostAddress())).orElse(false);
    }

    /** The HTTPS endpoint when TLS serves. */
    public Optional<TlsEndpoint> tls() {
        return Optional.ofNullable(tls);
    }
}
