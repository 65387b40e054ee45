package org.blockhost.rootagent.internal.daemon;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Reads one frame under a total deadline: before every read the socket timeout is set to what is
 * left, so a client dribbling one byte at a time cannot keep a worker beyond the deadline.
 */
final class FrameDeadline extends FilterInputStream {
    private final AFUNIXSocket socket;
    private final long deadline;

    FrameDeadline(AFUNIXSocket socket, InputStream in, Duration budget) {
        super(in);
        this.socket = socket;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    private void arm() throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("frame deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int read() throws IOException {
        arm();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return super.read(b, off, len);
    }
}
