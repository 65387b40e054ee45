package org.blockhost.web.internal.tls;

import java.security.GeneralSecurityException;
import java.util.function.IntConsumer;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS connector handed to Felix's Jetty (its {@link ConnectorFactory} hook): TLS from an
 * in-memory key store, reloadable without a restart. Felix passes the Jetty server here, so this
 * is also where Jetty's stack-showing error pages are replaced.
 */
final class TlsConnector implements ConnectorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnector.class);
    private final String host;
    private final int port;
    private final IntConsumer started;
    private volatile Credentials credentials;
    private volatile SslContextFactory.Server ssl;

    TlsConnector(String host, int port, Credentials credentials, IntConsumer started) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
        this.started = started;
    }

    Credentials credentials() {
        return credentials;
    }

    @Override
    public Connector createConnector(Server server) {
        harden(server);
        SslContextFactory.Server factory = new SslContextFactory.Server();
        try {
            Credentials.Store store = credentials.keyStore();
            factory.setKeyStore(store.keyStore());
            factory.setKeyStorePassword(store.password());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS key store", e);
        }
        factory.setSniRequired(false);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(factory, "http/1.1"),
                new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                started.accept(connector.getLocalPort());
            }
        });
        this.ssl = factory;
        return connector;
    }

    /** Serves new credentials from now on (existing connections keep theirs). */
    void reload(Credentials next) throws Exception {
        SslContextFactory.Server current = ssl;
        Credentials.Store store = next.keyStore();
        if (current != null) {
            current.reload(f -> {
                f.setKeyStore(store.keyStore());
                f.setKeyStorePassword(store.password());
            });
        }
        credentials = next;
    }

    static void harden(Server server) {
        try {
            server.setErrorHandler(new QuietErrorHandler());
            for (ContextHandler context : server.getDescendants(ContextHandler.class)) {
                context.setErrorHandler(new QuietErrorHandler());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not replace Jetty's error pages: {}", e.toString());
        }
    }
}
