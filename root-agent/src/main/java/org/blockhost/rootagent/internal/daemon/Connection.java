package org.blockhost.rootagent.internal.daemon;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;

import org.blockhost.rootagent.internal.action.ActionException.Kind;
import org.blockhost.rootagent.internal.action.Caller;
import org.blockhost.rootagent.internal.protocol.Frames;
import org.blockhost.rootagent.internal.protocol.RequestHandler;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: check peer credentials, then serve frames until the client closes, stays
 * idle too long, or sends a frame that cannot be resynchronised.
 */
final class Connection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** What all connections share. */
    record Shared(RequestHandler handler, PeerAuth auth, RateLimiter limiter, DaemonArgs args) {
    }

    private final AFUNIXSocket socket;
    private final Shared shared;

    Connection(AFUNIXSocket socket, Shared shared) {
        this.socket = socket;
        this.shared = shared;
    }

    /** Answers "busy" and half-closes; the caller closes the socket a little later. */
    static void writeBusy(AFUNIXSocket s) {
        try {
            s.setSoTimeout(1000);
            Frames.write(s.getOutputStream(), Wire.error(Kind.UNAVAILABLE, "root agent busy, retry later"));
            s.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("busy refusal", e);
        }
    }

    @Override
    public void run() {
        try (socket) {
            Caller caller = caller();
            OutputStream out = socket.getOutputStream();
            if (caller == null || !shared.auth().allowed(caller.uid(), caller.gid())) {
                Caller c = caller == null ? new Caller(-1, -1, -1) : caller;
                shared.handler().audit().refused(c, "caller not allowed");
                Frames.write(out, Wire.error(Kind.REJECTED, "caller not allowed (uid " + c.uid() + ")"));
                return;
            }
            serve(new BufferedInputStream(socket.getInputStream()), out, caller);
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        }
    }

    private Caller caller() throws IOException {
        AFUNIXSocketCredentials c = socket.getPeerCredentials();
        return c == null || c.getUid() < 0 ? null : new Caller(c.getUid(), c.getGid(), c.getPid());
    }

    private void serve(InputStream in, OutputStream out, Caller caller) throws IOException {
        while (true) {
            byte[] payload;
            try {
                socket.setSoTimeout((int) shared.args().idleTimeout().toMillis());
                int len = Frames.readLength(in);
                if (len < 0) {
                    return;
                }
                payload = readPayload(in, len);
            } catch (SocketTimeoutException e) {
                return;
            } catch (Frames.FrameException e) {
                Frames.write(out, Wire.error(Kind.REJECTED, e.getMessage()));
                if (e.fatal()) {
                    return;
                }
                continue;
            }
            Frames.write(out, respond(payload, caller));
        }
    }

    private byte[] readPayload(InputStream in, int len) throws IOException {
        socket.setSoTimeout((int) shared.args().readTimeout().toMillis());
        try {
            return Frames.readPayload(in, len);
        } catch (SocketTimeoutException e) {
            throw new Frames.FrameException("truncated frame (read timeout)", true);
        }
    }

    private byte[] respond(byte[] payload, Caller caller) {
        if (!shared.limiter().tryAcquire(caller.uid())) {
            return Wire.error(Kind.UNAVAILABLE, "rate limit exceeded, retry later");
        }
        return shared.handler().handle(payload, caller);
    }
}
