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
    record Shared(RequestHandler handler, PeerAuth auth, RateLimiter limiter, UidSlots slots, DaemonArgs args) {
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
            if (caller == null || !shared.auth().allowed(caller.uid())) {
                Caller c = caller == null ? new Caller(-1, -1, -1) : caller;
                shared.handler().audit().refused(c, "caller not allowed");
                Frames.write(out, Wire.error(Kind.REJECTED, "caller not allowed (uid " + c.uid() + ")"));
                return;
            }
            if (!shared.slots().tryAcquire(caller.uid())) {
                shared.handler().audit().refused(caller, "too many connections");
                Frames.write(out, Wire.error(Kind.UNAVAILABLE, "too many connections from uid " + caller.uid()
                        + ", retry later"));
                return;
            }
            try {
                serve(new BufferedInputStream(socket.getInputStream()), out, caller);
            } finally {
                shared.slots().release(caller.uid());
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        }
    }

    private Caller caller() throws IOException {
        AFUNIXSocketCredentials c = socket.getPeerCredentials();
        return c == null || c.getUid() < 0 ? null : new Caller(c.getUid(), c.getGid(), c.getPid());
    }

    private void serve(BufferedInputStream in, OutputStream out, Caller caller) throws IOException {
        while (true) {
            byte[] payload;
            try {
                socket.setSoTimeout((int) shared.args().idleTimeout().toMillis());
                in.mark(1);
                if (in.read() < 0) {
                    return;
                }
                in.reset();
                payload = readFrame(in);
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

    /** Once a frame's first byte arrived, the whole frame must arrive within the read timeout. */
    private byte[] readFrame(InputStream in) throws IOException {
        FrameDeadline d = new FrameDeadline(socket, in, shared.args().readTimeout());
        try {
            return Frames.readPayload(d, Frames.readLength(d));
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
