package org.blockhost.web.internal.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.blockhost.platform.api.RuntimeLayout;
import org.eclipse.jetty.server.LocalConnector;
import org.blockhost.web.api.CertificateRejectedException;
import org.blockhost.web.api.TlsEndpoint;
import org.blockhost.web.internal.surface.WebPolicy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS, when the framework property {@code blockhost.https.port} is set: the operator's PEM files
 * (reloaded live when they change), else a certificate an admin uploaded
 * ({@link TlsEndpoint#replace}), else a self-signed ECDSA certificate made at first start in
 * {@code <state>/tls/} (SANs: the configured host names, localhost and the bind address). Logs the
 * certificate's SHA-256 fingerprint and writes {@code <state>/tls/endpoint.json}.
 */
@Component(immediate = true, configurationPid = TlsManager.PID)
@Designate(ocd = TlsManager.Config.class)
public final class TlsManager {
    public static final String PID = "org.blockhost.web.tls";
    public static final String PORT_PROPERTY = "blockhost.https.port";
    private static final Logger LOG = LoggerFactory.getLogger(TlsManager.class);

    @ObjectClassDefinition(name = "BlockHost HTTPS")
    public @interface Config {
        @AttributeDefinition(name = "Certificate file", description = "PEM certificate chain (e.g. certbot's "
                + "fullchain.pem); empty = the self-signed certificate", required = false)
        String certFile() default "";

        @AttributeDefinition(name = "Key file", description = "PEM private key (e.g. certbot's privkey.pem)", required = false)
        String keyFile() default "";
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blockhost-tls");
        t.setDaemon(true);
        return t;
    });
    private final BundleContext context;
    private final Path stateDir;
    private final String host;
    private final WebPolicy policy;
    private final String certFile;
    private final UploadedFiles uploaded;
    private TlsConnector connector;
    private ServiceRegistration<ConnectorFactory> factoryReg;
    private volatile ServiceRegistration<TlsEndpoint> endpointReg;
    private FileTime[] operatorStamp;

    @Activate
    public TlsManager(BundleContext context, @Reference WebPolicy policy, Config config) throws Exception {
        this.context = context;
        this.stateDir = RuntimeLayout.from(context::getProperty).stateDir().resolve("tls");
        String bind = context.getProperty("org.apache.felix.http.host");
        this.host = bind == null || bind.isBlank() ? "127.0.0.1" : bind.trim();
        this.policy = policy;
        this.certFile = config.certFile();
        this.uploaded = new UploadedFiles(stateDir);
        String port = context.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank()) {
            LOG.info("HTTPS is off ({} is not set)", PORT_PROPERTY);
            // no network connector: only the hook through which Felix hands over the Jetty server,
            // to replace its stack-showing error pages
            factoryReg = context.registerService(ConnectorFactory.class, server -> {
                TlsConnector.harden(server);
                return new LocalConnector(server);
            }, new Hashtable<>());
            return;
        }
        Credentials creds = config.certFile().isBlank() ? uploadedOrSelfSigned(policy.hosts().names())
                : operator(Path.of(config.certFile()), Path.of(config.keyFile()));
        connector = new TlsConnector(host, Integer.parseInt(port.trim()), creds, this::started);
        factoryReg = context.registerService(ConnectorFactory.class, connector, new Hashtable<>());
        if (!config.certFile().isBlank()) {
            Path cert = Path.of(config.certFile());
            Path key = Path.of(config.keyFile());
            timer.scheduleWithFixedDelay(() -> reloadIfChanged(cert, key), 5, 5, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        if (endpointReg != null) {
            endpointReg.unregister();
        }
        if (factoryReg != null) {
            factoryReg.unregister();
        }
    }

    private Credentials uploadedOrSelfSigned(Set<String> names) throws Exception {
        Credentials up = uploaded.load();
        return up != null ? up : selfSigned(names);
    }

    private Credentials selfSigned(Set<String> names) throws Exception {
        Path cert = stateDir.resolve("self-signed.crt");
        Path key = stateDir.resolve("self-signed.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return Pem.read(cert, key);
        }
        Set<String> sans = new LinkedHashSet<>(names);
        sans.add("localhost");
        sans.add("127.0.0.1");
        sans.add("::1");
        if (!"0.0.0.0".equals(host) && !"::".equals(host)) {
            sans.add(host);
        }
        Credentials creds = SelfSigned.create(sans);
        Pem.write(creds, cert, key);
        LOG.info("made a self-signed TLS certificate for {} in {}", sans, stateDir);
        return creds;
    }

    private Credentials operator(Path cert, Path key) throws Exception {
        operatorStamp = stamp(cert, key);
        return Pem.read(cert, key);
    }

    private void reloadIfChanged(Path cert, Path key) {
        try {
            FileTime[] now = stamp(cert, key);
            if (java.util.Arrays.equals(now, operatorStamp)) {
                return;
            }
            Credentials next = Pem.read(cert, key);
            connector.reload(next);
            operatorStamp = now;
            LOG.info("TLS certificate reloaded from {}: SHA-256 fingerprint {}", cert, next.fingerprint());
            publish();
        } catch (Exception e) {
            LOG.warn("TLS certificate files {} / {} changed but cannot be used (keeping the current one): {}", cert, key,
                    e.getMessage());
        }
    }

    private static FileTime[] stamp(Path cert, Path key) throws java.io.IOException {
        return new FileTime[] {Files.getLastModifiedTime(cert), Files.getLastModifiedTime(key)};
    }

    private volatile int localPort;

    private void started(int port) {
        localPort = port;
        LOG.info("HTTPS on {}: certificate SHA-256 fingerprint {}", url(), connector.credentials().fingerprint());
        publish();
        if (endpointReg == null) {
            endpointReg = context.registerService(TlsEndpoint.class, new Endpoint(), new Hashtable<>());
        }
    }

    private String url() {
        String h = "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
        return "https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + localPort;
    }

    private void publish() {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("endpoint.json");
            Path tmp = stateDir.resolve(".endpoint.json.part");
            Files.writeString(tmp, "{\"httpsUrl\":\"" + url() + "\",\"tlsFingerprint\":\""
                    + connector.credentials().fingerprint() + "\"}\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            LOG.warn("cannot write {}/endpoint.json: {}", stateDir, e.getMessage());
        }
    }

    private final class Endpoint implements TlsEndpoint {
        @Override
        public String httpsUrl() {
            return url();
        }

        @Override
        public String fingerprint() {
            return connector.credentials().fingerprint();
        }

        @Override
        public byte[] certificate() {
            return connector.credentials().leafDer();
        }

        @Override
        public String replace(String chainPem, String keyPem) throws CertificateRejectedException {
            if (!certFile.isBlank()) {
                throw new CertificateRejectedException("This host serves the certificate files named in its "
                        + "configuration (" + certFile + "): replace those files instead; they are picked up within 5 seconds.");
            }
            String fingerprint = new Replacement(connector, uploaded).replace(chainPem, keyPem, policy.hosts().names());
            publish();
            return fingerprint;
        }
    }
}
