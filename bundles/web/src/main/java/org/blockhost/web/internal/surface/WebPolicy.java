package org.blockhost.web.internal.surface;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.web.api.ClientAddress;
import org.blockhost.web.api.TlsEndpoint;
import org.blockhost.web.internal.http.HostPolicy;
import org.blockhost.web.internal.http.Net;
import org.blockhost.web.internal.http.RateLimits;
import org.blockhost.web.internal.session.SessionStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
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

        @AttributeDefinition(name = "Request rate", description = "Requests per minute per client address "
                + "(IPv6: per /64) for state changes and /api/public/*; more get 429 with Retry-After")
        int rateLimit() default 600;

        @AttributeDefinition(name = "Request burst", description = "Requests a client may send at once before the rate applies")
        int rateBurst() default 120;

        @AttributeDefinition(name = "Sign-in rate", description = "Requests per minute per client address to "
                + "/admin/api/nonce, /admin/api/login and /setup/login")
        int signInRateLimit() default 30;

        @AttributeDefinition(name = "Sign-in burst", description = "Sign-in requests a client may send at once")
        int signInBurst() default 20;

        @AttributeDefinition(name = "Tracked clients", description = "Clients whose rate is tracked at most "
                + "(least recently seen forgotten first)")
        int rateClients() default 10000;

        @AttributeDefinition(name = "Rate-limit exemptions", description = "IP addresses that are never rate-limited",
                required = false)
        String[] rateExempt() default {};

        @AttributeDefinition(name = "Dev mode: loopback not limited", description = "In dev mode, requests from "
                + "loopback are not rate-limited (tests and scripts sign in far more often than a person)")
        boolean devLoopbackExempt() default true;
    }

    private final boolean dev;
    private volatile HostPolicy hosts;
    private volatile Set<String> opsAllow;
    private volatile RateLimits rateLimits;
    private final SessionStore sessions = new SessionStore(Clock.systemUTC());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TlsEndpoint tls;

    @Activate
    public WebPolicy(BundleContext context, Config config) {
        this.dev = RuntimeLayout.from(context::getProperty).dev();
        modified(config);
    }

    /** A changed configuration applies at once; sessions stay. */
    @Modified
    void modified(Config config) {
        this.hosts = new HostPolicy(Set.copyOf(Arrays.asList(config.hosts())), dev);
        this.opsAllow = addresses(config.opsAllow());
        this.rateLimits = new RateLimits(new RateLimits.Settings(Math.max(1, config.rateLimit()),
                Math.max(1, config.rateBurst()), Math.max(1, config.signInRateLimit()), Math.max(1, config.signInBurst()),
                Math.max(1, config.rateClients()), addresses(config.rateExempt()), dev && config.devLoopbackExempt()), System::nanoTime);
    }

    private static Set<String> addresses(String[] raw) {
        return Set.copyOf(Arrays.stream(raw).map(String::trim)
                .map(a -> ClientAddress.literal(a).map(i -> i.getHostAddress()).orElse("")).filter(a -> !a.isEmpty()).toList());
    }

    /** The per-client rate limits. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    public HostPolicy hosts() {
        return hosts;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** Whether a peer may read the ops surface. */
    public boolean opsAllowed(String remoteAddr) {
        return Net.loopback(remoteAddr) || ClientAddress.literal(remoteAddr).map(a -> opsAllow.contains(a.getHostAddress())).orElse(false);
    }

    /** The HTTPS endpoint when TLS serves. */
    public Optional<TlsEndpoint> tls() {
        return Optional.ofNullable(tls);
    }
}
