package org.blockhost.rootagent.internal.daemon;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.protocol.RequestHandler;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix socket server: binds (then mode 0660, group from the config), accepts, and hands each connection to a bounded worker pool. When
 * all workers are busy a new connection gets a "busy" error and is closed.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final DaemonArgs args;
    private final Connection.Shared shared;
    private final ThreadPoolExecutor workers;
    private static final int MAX_LINGERING = 64;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "root-agent-reaper");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger lingering = new AtomicInteger();
    private AFUNIXServerSocket server;
    private Thread acceptor;
    private volatile boolean closed;

    public Server(DaemonArgs args, RequestHandler handler, PeerAuth auth) {
        this.args = args;
        this.shared = new Connection.Shared(handler, auth, new RateLimiter(args.ratePerSecond()),
                new UidSlots(args.connectionsPerUid()), args);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, args.workers(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "root-agent-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() throws IOException {
        Path sock = args.socket();
        Files.createDirectories(sock.getParent());
        removeStale(sock);
        // junixsocket watches its bound path, so the socket cannot be renamed into place: it is
        // secured right after bind; the parent directory (0750 root:<group>, see the systemd unit)
        // keeps others out during that instant
        server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(sock), true);
        secure(sock);
        acceptor = new Thread(this::acceptLoop, "root-agent-accept");
        acceptor.start();
        LOG.info("root agent listening on {} (group {}, {} workers)", sock, args.group(), args.workers());
    }

    private void secure(Path p) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            GroupPrincipal g = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(args.group());
            v.setGroup(g);
        } catch (IOException e) {
            LOG.warn("cannot give the socket to group {}: {}", args.group(), e.toString());
        }
        // chmod(2) through the JDK opens the file first, which fails for sockets: use chmod(1)
        try {
            new CommandRunner().runOk(List.of("chmod", "0660", p.toString()), null, Duration.ofSeconds(10));
        } catch (ActionException e) {
            throw new IOException("cannot set the socket's mode: " + e.getMessage());
        }
    }

    private static void removeStale(Path sock) throws IOException {
        if (!Files.exists(sock, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!"socket".equals(fileType(sock))) {
            throw new IOException(sock + " exists and is not a socket");
        }
        try (AFUNIXSocket probe = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(sock))) {
            throw new IOException("another root agent is listening on " + sock);
        } catch (SocketException e) {
            Files.delete(sock);
        }
    }

    private static String fileType(Path p) throws IOException {
        Object other = Files.readAttributes(p, "basic:isOther", LinkOption.NOFOLLOW_LINKS).get("isOther");
        return Boolean.TRUE.equals(other) ? "socket" : "file";
    }

    private void acceptLoop() {
        while (!closed && !server.isClosed()) {
            try {
                AFUNIXSocket s = server.accept();
                dispatch(s);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    private void dispatch(AFUNIXSocket s) {
        try {
            workers.execute(new Connection(s, shared));
        } catch (RejectedExecutionException e) {
            refuseBusy(s);
        }
    }

    /**
     * Answers "busy" and keeps the socket open for a second so the client's request write does not
     * fail before it reads the answer; at most {@link #MAX_LINGERING} such sockets at once.
     */
    private void refuseBusy(AFUNIXSocket s) {
        Connection.writeBusy(s);
        if (lingering.incrementAndGet() > MAX_LINGERING) {
            closeQuietly(s);
            return;
        }
        reaper.schedule(() -> closeQuietly(s), 1, TimeUnit.SECONDS);
    }

    private void closeQuietly(AFUNIXSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("close", e);
        } finally {
            lingering.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(args.socket());
        } catch (IOException e) {
            LOG.debug("close", e);
        }
        workers.shutdownNow();
        reaper.shutdownNow();
    }
}
