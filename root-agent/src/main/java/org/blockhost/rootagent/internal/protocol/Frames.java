package org.blockhost.rootagent.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON; at most 64 KiB. */
public final class Frames {
    public static final int MAX_FRAME = 64 * 1024;

    private Frames() {
    }

    /** A frame that cannot be accepted. {@link #fatal()} means the stream cannot be resynchronised. */
    public static final class FrameException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean fatal;

        public FrameException(String message, boolean fatal) {
            super(message);
            this.fatal = fatal;
        }

        public boolean fatal() {
            return fatal;
        }
    }

    /** Reads the 4-byte header; returns -1 at a clean end of stream before any header byte. */
    public static int readLength(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return -1;
        }
        int len = b0 << 24 | readByte(in) << 16 | readByte(in) << 8 | readByte(in);
        if (len == 0) {
            throw new FrameException("empty frame", false);
        }
        if (len < 0 || len > MAX_FRAME) {
            throw new FrameException("frame larger than " + MAX_FRAME + " bytes", true);
        }
        return len;
    }

    /** Reads exactly {@code len} payload bytes; a short stream is a truncated frame (fatal). */
    public static byte[] readPayload(InputStream in, int len) throws IOException {
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new FrameException("truncated frame", true);
        }
        return b;
    }

    /** Reads one whole frame; null at a clean end of stream. */
    public static byte[] read(InputStream in) throws IOException {
        int len = readLength(in);
        return len < 0 ? null : readPayload(in, len);
    }

    public static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > MAX_FRAME) {
            throw new FrameException("frame larger than " + MAX_FRAME + " bytes", true);
        }
        int n = payload.length;
        byte[] frame = new byte[4 + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, 4, n);
        out.write(frame);
        out.flush();
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated frame header");
        }
        return b;
    }
}
