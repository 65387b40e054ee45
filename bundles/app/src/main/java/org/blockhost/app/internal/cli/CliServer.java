package org.blockhost.app.internal.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.felix.service.command.CommandProcessor;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code <state>/blockhost.sock} (mode 0660: the runtime's user and group) and runs
 * each request as a command in a Gogo session. Access control is the socket file's permissions.
 */
@Component(immediate = true)
public final class CliServer {
    static final String SOCKET_NAME = "blockhost.sock";
    private static final Logger LOG = LoggerFactory.getLogger(CliServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "blockhost-cli"));
    private final CommandRunner runner;

    @Activate
    public CliServer(@Reference CommandProcessor processor, @Reference CommandCatalog catalog, BundleContext context)
            throws IOException {
        RuntimeLayout layout = RuntimeLayout.from(context::getProperty);
        this.socket = layout.stateDir().resolve(SOCKET_NAME);
        this.runner = new CommandRunner(processor, catalog);
        Files.createDirectories(layout.stateDir());
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        Thread acceptor = daemon(this::acceptLoop, "blockhost-cli-accept");
        acceptor.start();
        LOG.info("operator CLI listening on {}", socket);
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        workers.shutdownNow();
        Files.deleteIfExists(socket);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> runner.serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("CLI accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
