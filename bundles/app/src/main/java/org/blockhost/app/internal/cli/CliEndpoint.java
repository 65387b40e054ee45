package org.blockhost.app.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI socket (mode 0660, optionally handed to another group): accepts connections, reads each
 * peer's credentials ({@code SO_PEERCRED}: uid, gid) and serves the request for that peer. A client
 * must send its whole request within the request timeout, counted from the connection: otherwise
 * its input is shut down and the connection closed, so a silent or trickling client never holds
 * one of the few workers for longer than that.
 */
final class CliEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CliEndpoint.class);

    private final Path socket;
    private final AFUNIXServerSocketChannel server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "blockhost-cli"));
    private final CommandRunner runner;
    private final UnixAccounts accounts;
    private final ScheduledExecutorService deadlines = deadlineTimer();
    private volatile Duration requestTimeout;

    CliEndpoint(Path socket, String socketGroup, CommandRunner runner, UnixAccounts accounts) throws IOException {
        this(socket, socketGroup, runner, accounts, Duration.ofSeconds(10));
    }

    CliEndpoint(Path socket, String socketGroup, CommandRunner runner, UnixAccounts accounts, Duration requestTimeout)
            throws IOException {
        this.requestTimeout = requestTimeout;
        this.socket = socket;
        this.runner = runner;
        this.accounts = accounts;
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        server = AFUNIXServerSocketChannel.open();
        server.bind(AFUNIXSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        handTo(socketGroup);
        daemon(this::acceptLoop, "blockhost-cli-accept").start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
        deadlines.shutdownNow();
        Files.deleteIfExists(socket);
    }

    /** Hands the socket to {@code group} (blank: leaves it alone). */
    void handTo(String group) {
        if (group == null || group.isBlank()) {
            return;
        }
        try {
            GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.strip());
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
        } catch (IOException e) {
            LOG.error("CLI socket: cannot hand {} to group '{}' ({}); it keeps the runtime's group", socket, group,
                    e.getMessage());
        }
    }

    /** Applies to connections accepted from now on. */
    void requestTimeout(Duration changed) {
        this.requestTimeout = changed;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                AFUNIXSocketChannel client = server.accept();
                ScheduledFuture<?> deadline = deadlines.schedule(() -> cutOff(client), requestTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
                workers.execute(() -> serve(client, deadline));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("CLI accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(AFUNIXSocketChannel client, ScheduledFuture<?> deadline) {
        if (deadline.isDone()) {
            closeQuietly(client); // waited for a worker past its deadline: already cut off
            return;
        }
        Peer peer;
        try {
            AFUNIXSocketCredentials creds = client.getPeerCredentials();
            peer = accounts.peer(creds.getUid(), creds.getGid());
        } catch (IOException | RuntimeException e) {
            LOG.warn("CLI connection without peer credentials refused: {}", e.getMessage());
            closeQuietly(client);
            return;
        }
        runner.serve(client, peer, () -> deadline.cancel(false));
    }

    /** The request did not arrive in time: shutting the input down wakes a worker blocked reading it. */
    private void cutOff(AFUNIXSocketChannel client) {
        LOG.info("CLI client sent no complete request within {}: disconnected", requestTimeout);
        try {
            client.shutdownInput();
        } catch (IOException e) {
            LOG.debug("shutdown failed: {}", e.getMessage());
        }
        closeQuietly(client);
    }

    private static void closeQuietly(AFUNIXSocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }

    /** One timer thread; a deadline cancelled because its request arrived leaves the queue at once. */
    private static ScheduledExecutorService deadlineTimer() {
        java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> daemon(r, "blockhost-cli-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
